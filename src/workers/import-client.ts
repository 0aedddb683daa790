/**
 * The page's handle on one import: a worker that holds the file while the user adjusts the
 * mapping. Cancel terminates it (the page never freezes, and a half-read file leaves nothing).
 */
import type { FileError, ImportPreview, ImportSettings } from '../lib/import/analyse';
import type { CleaningChoices, ImportPlan, PlanOptions, StoredCustomerKeys, StoredKeys } from '../lib/import/plan';
import type { ProblemLabels } from '../lib/import/report';
import { err, ok, type Result } from '../lib/result';
import type { WorkerFailure } from './client';
import type { TimeEntry } from '../lib/timeuse/entries';
import type { ActivityContext, ActivityPreview, ActivitySettings } from '../lib/timeuse/import';
import type { RecordPreview, RecordSettings } from '../lib/import/records';
import type { RecordKindId, RecordOutputs } from '../lib/import/record-kinds';
import type { FromImportWorker, ToImportWorker } from './protocol';

type Answer = Extract<FromImportWorker, { type: 'preview' | 'plan' | 'unknownRefs' | 'problemsCsv' | 'fileWithReasons' | 'activityPreview' | 'activityEntries' | 'recordsPreview' | 'recordsResult' }>;

type Failure = FileError | WorkerFailure;

export class ImportSession {
  private worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private pending = new Map<number, (r: Result<Answer, Failure>) => void>();
  onStage: (stage: 'decode' | 'convert', fraction?: number) => void = () => {};
  /** Parts of the plan being received (one plan is asked for at a time). */
  private parts: Pick<ImportPlan, 'newCustomers' | 'updates'> & { pieces: ImportPlan['batch']['pieces'] } = { newCustomers: [], updates: [], pieces: [] };

  constructor() {
    this.worker.onmessage = ({ data }: MessageEvent<FromImportWorker>) => {
      if (data.type === 'progress') return this.onStage(data.stage, data.fraction);
      if (data.type === 'planPart') {
        if (data.customers) this.parts.newCustomers.push(...data.customers);
        if (data.updates) this.parts.updates.push(...data.updates);
        if (data.piece) this.parts.pieces.push(data.piece);
        return;
      }
      const resolve = this.pending.get(data.requestId);
      if (!resolve) return;
      this.pending.delete(data.requestId);
      if (data.type === 'failed') resolve(err(data.error));
      else if (data.type === 'crashed') resolve(err({ code: 'worker.crashed', message: data.message }));
      else resolve(ok(data));
    };
    this.worker.onerror = (event) => this.failAll({ code: 'worker.crashed', message: event.message || 'worker error' });
  }

  private ask(message: ToImportWorker, transfer: Transferable[] = []): Promise<Result<Answer, Failure>> {
    return new Promise((resolve) => {
      this.pending.set(message.requestId, resolve);
      this.worker.postMessage(message, transfer);
    });
  }

  private failAll(error: Failure) {
    for (const resolve of this.pending.values()) resolve(err(error));
    this.pending.clear();
  }

  async open(bytes: ArrayBuffer, settings: ImportSettings): Promise<Result<ImportPreview, Failure>> {
    const r = await this.ask({ type: 'open', requestId: this.nextId++, bytes, settings }, [bytes]);
    return r.ok ? ok((r.value as Extract<Answer, { type: 'preview' }>).preview) : r;
  }

  async configure(settings: ImportSettings): Promise<Result<ImportPreview, Failure>> {
    const r = await this.ask({ type: 'configure', requestId: this.nextId++, settings: $snapshot(settings) });
    return r.ok ? ok((r.value as Extract<Answer, { type: 'preview' }>).preview) : r;
  }

  async plan(choices: CleaningChoices, stored: StoredKeys, now: Date, options: PlanOptions): Promise<Result<ImportPlan, Failure>> {
    this.parts = { newCustomers: [], updates: [], pieces: [] };
    const r = await this.ask({ type: 'plan', requestId: this.nextId++, choices: { ...choices }, stored, now: now.toISOString(), options: { ...options } });
    if (!r.ok) return r;
    const rest = (r.value as Extract<Answer, { type: 'plan' }>).plan;
    const { newCustomers, updates, pieces } = this.parts;
    this.parts = { newCustomers: [], updates: [], pieces: [] };
    return ok({ ...rest, newCustomers, updates, batch: { ...rest.batch, pieces } });
  }

  /** Lines of the converted file naming a customer neither the store nor the file has. */
  async unknownRefs(stored: StoredCustomerKeys): Promise<Result<{ lines: number; refs: number }, Failure>> {
    const r = await this.ask({ type: 'unknownRefs', requestId: this.nextId++, stored });
    if (!r.ok) return r;
    const { lines, refs } = r.value as Extract<Answer, { type: 'unknownRefs' }>;
    return ok({ lines, refs });
  }

  /** The user's own file back, with a column saying what is wrong with each row. */
  async fileWithReasons(labels: Pick<ProblemLabels, 'messages' | 'wholeRow'> & { reasonColumn: string }): Promise<Result<string, Failure>> {
    const r = await this.ask({ type: 'fileWithReasons', requestId: this.nextId++, labels });
    return r.ok ? ok((r.value as Extract<Answer, { type: 'fileWithReasons' }>).csv) : r;
  }

  async problemsCsv(labels: ProblemLabels): Promise<Result<string, Failure>> {
    const r = await this.ask({ type: 'problemsCsv', requestId: this.nextId++, labels });
    return r.ok ? ok((r.value as Extract<Answer, { type: 'problemsCsv' }>).csv) : r;
  }

  /** An activity log (time allocation) instead of customers: same decode, parse, mapping and problems. */
  async openActivity(bytes: ArrayBuffer, settings: ActivitySettings, context: ActivityContext): Promise<Result<ActivityPreview, Failure>> {
    const r = await this.ask({ type: 'openActivity', requestId: this.nextId++, bytes, settings: $snapshot(settings), context: $snapshot(context) }, [bytes]);
    return r.ok ? ok((r.value as Extract<Answer, { type: 'activityPreview' }>).preview) : r;
  }

  async configureActivity(settings: ActivitySettings): Promise<Result<ActivityPreview, Failure>> {
    const r = await this.ask({ type: 'configureActivity', requestId: this.nextId++, settings: $snapshot(settings) });
    return r.ok ? ok((r.value as Extract<Answer, { type: 'activityPreview' }>).preview) : r;
  }

  async activityEntries(): Promise<Result<{ entries: TimeEntry[]; newReps: string[] }, Failure>> {
    const r = await this.ask({ type: 'activityEntries', requestId: this.nextId++ });
    if (!r.ok) return r;
    const { entries, newReps } = r.value as Extract<Answer, { type: 'activityEntries' }>;
    return ok({ entries, newReps });
  }

  /** A small record file (lib/import/records) of the named kind: same decode, parse, mapping and problems. */
  async openRecords(bytes: ArrayBuffer, kind: RecordKindId, settings: RecordSettings): Promise<Result<RecordPreview, Failure>> {
    const r = await this.ask({ type: 'openRecords', requestId: this.nextId++, bytes, kind, settings: $snapshot(settings) }, [bytes]);
    return r.ok ? ok((r.value as Extract<Answer, { type: 'recordsPreview' }>).preview) : r;
  }

  async configureRecords(settings: RecordSettings): Promise<Result<RecordPreview, Failure>> {
    const r = await this.ask({ type: 'configureRecords', requestId: this.nextId++, settings: $snapshot(settings) });
    return r.ok ? ok((r.value as Extract<Answer, { type: 'recordsPreview' }>).preview) : r;
  }

  /** What the file gives, ready for the kind's all-or-nothing write (the caller knows which kind it opened). */
  async recordsResult<K extends RecordKindId>(): Promise<Result<RecordOutputs[K], Failure>> {
    const r = await this.ask({ type: 'recordsResult', requestId: this.nextId++ });
    return r.ok ? ok((r.value as Extract<Answer, { type: 'recordsResult' }>).output as RecordOutputs[K]) : r;
  }

  cancel() {
    this.worker.terminate();
    this.failAll({ code: 'worker.cancelled' });
  }
}

/** Settings may come from rune state: post plain copies (proxies cannot be cloned). */
function $snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
