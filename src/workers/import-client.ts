/**
 * The page's handle on one import: its own import worker (import.worker.ts, on the one RPC) that
 * holds the file while the user adjusts the mapping. Cancel ends the worker (the page never
 * freezes, and a half-read file leaves nothing).
 */
import type { FileError, ImportPreview, ImportSettings } from '../lib/import/analyse';
import type { CleaningChoices, ImportPlan, PlanOptions, StoredCustomerKeys, StoredKeys } from '../lib/import/plan';
import type { ProblemLabels } from '../lib/import/report';
import { ok, type Result } from '../lib/result';
import type { ActivityContext, ActivitySettings } from '../lib/timeuse/import';
import type { RecordSettings } from '../lib/import/records';
import type { RecordKindId, RecordOutputs } from '../lib/import/record-kinds';
import type { ImportHandlers, ImportStage } from './import.worker';
import { createRpc, type WorkerError } from './rpc';

type Failure = FileError | WorkerError;

/** A worker failure, or the file's own problem the worker answered with. */
const flat = <T, E>(r: Result<Result<T, E>, WorkerError>): Result<T, E | WorkerError> => (r.ok ? r.value : r);

/** Plan parts asked for before the first of them is answered (ImportSession.plan). */
const PARTS_IN_FLIGHT = 3;

export class ImportSession {
  private rpc = createRpc<ImportHandlers>(() => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }));
  onStage: (stage: ImportStage['stage'], fraction?: number) => void = () => {};
  private readonly staged = { onProgress: (p: ImportStage) => this.onStage(p.stage, p.fraction) };

  /** Starts the worker before a file is chosen: its script loads while the user picks one (0.1–0.2 s on a weak machine). */
  prepare() {
    this.rpc.start();
  }

  /**
   * Opens the file: the worker reads it. A File crosses as a handle, so the page never copies its
   * bytes (86 MB read on the page was a long task of its own).
   */
  async open(file: Blob, settings: ImportSettings): Promise<Result<ImportPreview, Failure>> {
    return flat(await this.rpc.call('open', { file, settings: snapshot(settings) }, this.staged));
  }

  async configure(settings: ImportSettings): Promise<Result<ImportPreview, Failure>> {
    return flat(await this.rpc.call('configure', { settings: snapshot(settings) }, this.staged));
  }

  /** The plan, then its parts (each a short task for the page to unpack), put back together. */
  async plan(choices: CleaningChoices, stored: StoredKeys, now: Date, options: PlanOptions): Promise<Result<ImportPlan, WorkerError>> {
    const r = await this.rpc.call('plan', { choices: { ...choices }, stored, now: now.toISOString(), options: { ...options } });
    if (!r.ok) return r;
    const { plan, parts } = r.value;
    const newCustomers: ImportPlan['newCustomers'] = [];
    const updates: ImportPlan['updates'] = [];
    const pieces: ImportPlan['batch']['pieces'] = [];
    // A few parts asked at a time: all at once they arrive back to back, and unpacking them with the
    // garbage they leave made one long stretch on the page; one at a time left both sides idle
    // between them (a million lines: 100 parts, about 3 ms each).
    let asked = 0;
    const ask = () => this.rpc.call('planPart', { index: asked++ });
    const inFlight = Array.from({ length: Math.min(parts, PARTS_IN_FLIGHT) }, ask);
    for (let index = 0; index < parts; index++) {
      const a = await inFlight.shift()!;
      if (asked < parts) inFlight.push(ask());
      if (!a.ok) return a;
      const part = a.value;
      if ('customers' in part) newCustomers.push(...part.customers);
      else if ('updates' in part) updates.push(...part.updates);
      else pieces.push(part.piece);
    }
    return ok({ ...plan, newCustomers, updates, batch: { ...plan.batch, pieces } });
  }

  /** Lines of the converted file naming a customer neither the store nor the file has. */
  unknownRefs(stored: StoredCustomerKeys): Promise<Result<{ lines: number; refs: number }, WorkerError>> {
    return this.rpc.call('unknownRefs', { stored });
  }

  /** The user's own file back, with a column saying what is wrong with each row. */
  fileWithReasons(labels: Pick<ProblemLabels, 'messages' | 'wholeRow'> & { reasonColumn: string }): Promise<Result<string, WorkerError>> {
    return this.rpc.call('fileWithReasons', { labels });
  }

  problemsCsv(labels: ProblemLabels): Promise<Result<string, WorkerError>> {
    return this.rpc.call('problemsCsv', { labels });
  }

  /** An activity log (time allocation) instead of customers: same decode, parse, mapping and problems. */
  async openActivity(file: Blob, settings: ActivitySettings, context: ActivityContext) {
    return flat(await this.rpc.call('openActivity', { file, settings: snapshot(settings), context: snapshot(context) }, this.staged));
  }

  async configureActivity(settings: ActivitySettings) {
    return flat(await this.rpc.call('configureActivity', { settings: snapshot(settings) }, this.staged));
  }

  activityEntries() {
    return this.rpc.call('activityEntries', undefined);
  }

  /** A small record file (lib/import/records) of the named kind: same decode, parse, mapping and problems. */
  async openRecords(file: Blob, kind: RecordKindId, settings: RecordSettings) {
    return flat(await this.rpc.call('openRecords', { file, kind, settings: snapshot(settings) }, this.staged));
  }

  async configureRecords(settings: RecordSettings) {
    return flat(await this.rpc.call('configureRecords', { settings: snapshot(settings) }, this.staged));
  }

  /** What the file gives, ready for the kind's all-or-nothing write (the caller knows which kind it opened). */
  async recordsResult<K extends RecordKindId>(): Promise<Result<RecordOutputs[K], WorkerError>> {
    return (await this.rpc.call('recordsResult', undefined)) as Result<RecordOutputs[K], WorkerError>;
  }

  cancel() {
    this.rpc.terminate();
  }
}

/** Settings may come from rune state: post plain copies (proxies cannot be cloned). */
function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
