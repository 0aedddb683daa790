/** The page's one analysis worker: loaded with the stored lines once, reloaded when they change. */
import { purchasesVersion, readAllColumns } from '../data/purchases';
import type { KeqingDb } from '../data/db';
import type { RegistrationRate } from '../lib/customers/quality';
import type { CustomerStats } from '../lib/customers/stats';
import type { PurchaseLine } from '../lib/purchases/columns';
import type { FromAnalysisWorker, ToAnalysisWorker } from './protocol';

type Answer = FromAnalysisWorker;

class AnalysisClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private loaded: Promise<void> | null = null;
  private loadedVersion = '';

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<FromAnalysisWorker>) => {
      const p = this.pending.get(data.requestId);
      if (!p) return;
      this.pending.delete(data.requestId);
      if (data.type === 'crashed') p.reject(new Error(data.message));
      else p.resolve(data);
    };
    worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'analysis worker failed'));
      this.pending.clear();
      this.worker = null;
      this.loaded = null;
    };
    return (this.worker = worker);
  }

  private ask(message: ToAnalysisWorker, transfer: Transferable[] = []): Promise<Answer> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(message.requestId, { resolve, reject });
      worker.postMessage(message, transfer);
    });
  }

  /** Makes sure the worker holds the lines as stored now. */
  async sync(db: KeqingDb): Promise<void> {
    const version = await purchasesVersion(db);
    if (this.loaded && version === this.loadedVersion) return this.loaded;
    this.loadedVersion = version;
    this.loaded = (async () => {
      const chunks = await readAllColumns(db);
      const transfer = chunks.flatMap((c) => Object.values(c).filter(ArrayBuffer.isView).map((v) => v.buffer as ArrayBuffer));
      await this.ask({ type: 'load', requestId: this.nextId++, version, chunks }, transfer);
    })();
    return this.loaded;
  }

  async customerStats(db: KeqingDb): Promise<CustomerStats> {
    await this.sync(db);
    const a = await this.ask({ type: 'customerStats', requestId: this.nextId++ });
    return (a as Extract<Answer, { type: 'customerStats' }>).stats;
  }

  async registration(db: KeqingDb): Promise<RegistrationRate> {
    await this.sync(db);
    const a = await this.ask({ type: 'registration', requestId: this.nextId++ });
    return (a as Extract<Answer, { type: 'registration' }>).rate;
  }

  async customerLines(db: KeqingDb, customerId: number): Promise<PurchaseLine[]> {
    await this.sync(db);
    const a = await this.ask({ type: 'customerLines', requestId: this.nextId++, customerId });
    return (a as Extract<Answer, { type: 'customerLines' }>).lines;
  }
}

export const analysis = new AnalysisClient();
