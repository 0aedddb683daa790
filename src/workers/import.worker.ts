/**
 * One import session's worker (import-client.ts): the opened file and its latest conversion stay
 * here between calls, so the page never holds the rows. Served on the one RPC (rpc.ts): a file
 * problem is an answer (`Result<…, FileError>`); a call about a file this session does not hold
 * throws, which the page gets as 'worker.crashed' with the message.
 */
import { convertFile, cutBytes, openFirstPart, openUpload, previewOf, resolveSettings, type FileError, type ImportPreview, type ImportSettings, type OpenedFile, type ResolvedSettings } from '../lib/import/analyse';
import { mergeConverted, type Converted, type RowProblem } from '../lib/import/convert';
import { splitPoint } from '../lib/import/parse';
import { ok, type Result } from '../lib/result';
import { lineKeys } from '../lib/purchases/line-key';
import { fileWithReasons, problemsCsv, type ProblemLabels } from '../lib/import/report';
import { planImport, unknownRefCounts, type CleaningChoices, type ImportPlan, type PlanOptions, type StoredCustomerKeys, type StoredKeys } from '../lib/import/plan';
import { activityPreviewOf, convertActivityFile, resolveActivitySettings, type ActivityContext, type ActivityConverted, type ActivityPreview, type ActivitySettings, type ResolvedActivitySettings } from '../lib/timeuse/import';
import { convertRecordFile, recordPreviewOf, resolveRecordSettings, type RecordPreview, type RecordSettings, type RecordsConverted, type ResolvedRecordSettings } from '../lib/import/records';
import { recordKinds, type RecordKindId, type RecordOutputs } from '../lib/import/record-kinds';
import type { PurchaseColumns } from '../lib/purchases/columns';
import type { ConvertPartHandlers, PartSource } from './convert-part.worker';
import { createRpc, serve, transfer, type CallContext, type Rpc, type WorkerError } from './rpc';

/** How far a call is: the stage, and 0–1 when it can tell. */
export interface ImportStage {
  stage: 'decode' | 'convert';
  fraction?: number;
}
type Ctx = CallContext<ImportStage>;

/** One part of a large plan (see `plan`). */
export type PlanPart = { customers: ImportPlan['newCustomers'] } | { updates: ImportPlan['updates'] } | { piece: PurchaseColumns };

let file: OpenedFile | null = null;
let settings: ResolvedSettings | null = null;
let converted: Converted | null = null;
// An activity log (time allocation) opened in this session instead: the same file, its own rows.
let activity: { context: ActivityContext; settings: ResolvedActivitySettings; converted: ActivityConverted | null } | null = null;
// A small record file (lib/import/records: prospects, products) opened in this session instead.
let records: { kind: RecordKindId; settings: ResolvedRecordSettings; converted: RecordsConverted<unknown> | null } | null = null;
/** The current conversion's line keys, worked out ahead (keysAhead); moved to the page with the plan. */
let lineKeysOf: { converted: Converted; keys: Float64Array } | null = null;
/** The last plan's parts, until the page has taken them. */
let planParts: (PlanPart | null)[] = [];
const PART = 2_000;

/** Below this many characters (or bytes) one worker converts the file quickly enough on its own. */
const SPLIT_FROM = 4_000_000;

/** Asked about a file this session does not hold (cannot happen from our screens): a clear failure, never a wait. */
function notOpen(): never {
  throw new Error('No file is open in this import: choose it again.');
}

/** The worker converting a large file's second part; made once and kept for the session. */
let helper: { rpc: Rpc<ConvertPartHandlers>; ready: Promise<void> } | null = null;
/** The file whose second part the helper holds (its `text` is then the first part only). */
let restOf: OpenedFile | null = null;

function partHelper() {
  if (!helper) {
    const rpc = createRpc<ConvertPartHandlers>(() => new Worker(new URL('./convert-part.worker.ts', import.meta.url), { type: 'module' }));
    helper = { rpc, ready: rpc.call('ready', undefined).then((r) => void helperAnswer(r)) };
  }
  return helper;
}

/** The helper's answer, or the failure thrown (the page gets it as 'worker.crashed' with the message). */
function helperAnswer<T>(r: Result<T, WorkerError>): T {
  if (!r.ok) throw new Error(r.error.code === 'worker.crashed' ? r.error.message : 'conversion helper stopped');
  return r.value;
}

/** Calls the helper and waits until the work has reached it (or it answered): only then may this worker get busy. */
async function handOver<N extends 'load' | 'convert'>(name: N, args: Parameters<ConvertPartHandlers[N]>[0], transferList: Transferable[] = []) {
  const h = partHelper();
  await h.ready;
  let started = () => {};
  const arrived = new Promise<void>((resolve) => (started = resolve));
  const answer = h.rpc.call(name, args as never, { onProgress: () => started(), transfer: transferList });
  await Promise.race([arrived, answer]);
  return { answer }; // wrapped: an async function returning the promise itself would wait for it
}

/**
 * A large text file read in two parts side by side (lib/import/analyse cutBytes): its second
 * part's bytes go to the helper, which decodes and keeps them, while this worker decodes and
 * opens the first. Null when the file is not cut so, or either part does not read as the whole
 * file's text would: the caller then opens it whole, as ever (with any refusal's message).
 */
async function openInParts(bytes: Uint8Array): Promise<OpenedFile | null> {
  if (bytes.length < SPLIT_FROM) return null;
  const cut = cutBytes(bytes);
  if (!cut) return null;
  const rest = bytes.slice(cut.at);
  const source: PartSource = { bytes: rest, cut };
  const loaded = await handOver('load', source, [rest.buffer]);
  const head = openFirstPart(bytes, cut);
  if (!head || !helperAnswer(await loaded.answer)) return null;
  restOf = head;
  return head;
}

/**
 * A large file is converted in two parts at a row boundary: the helper worker converts the second
 * while this one converts the first, then the two are joined (mergeConverted gives exactly what
 * one pass over the whole file gives; tests/unit/import-split.test.ts). A file read in two parts
 * (openInParts) is already there; one decoded whole is cut in its text, and the rest sent over.
 */
async function convertInParts(opened: OpenedFile, s: ResolvedSettings, onProgress: (fraction: number) => void): Promise<Result<Converted, FileError>> {
  let end = opened.text.length;
  if (restOf !== opened) {
    const cut = opened.complete || opened.text.length < SPLIT_FROM ? null : splitPoint(opened.text, Math.floor(opened.text.length / 2));
    if (!cut) return convertFile(opened, s, onProgress);
    restOf = null; // the helper holds this text now
    helperAnswer(await (await handOver('load', { text: opened.text.slice(cut.at), line: cut.line })).answer);
    end = cut.at;
  }
  const second = await handOver('convert', { file: { ...opened, text: '' }, settings: s });
  // Room for the whole file's lines: the second part is cut near the middle (of the bytes when read
  // in parts), and joined in place; a larger one is joined by copying, as ever.
  const first = convertFile(opened, s, onProgress, { start: 0, end, firstLine: 1, first: true, room: restOf === opened ? 2 * end : opened.text.length });
  const other = helperAnswer(await second.answer);
  if (!first.ok) return first;
  if (!other.ok) return other;
  const joined = mergeConverted(first.value, other.value, s.mapping);
  if (joined) return ok(joined);
  // The rare file the parts cannot be joined exactly (mergeConverted): one pass over the whole text.
  const text = restOf === opened ? opened.text + helperAnswer(await partHelper().rpc.call('text', undefined)) : opened.text;
  return convertFile({ ...opened, text }, s, onProgress);
}

async function convertAndPreview(ctx: Ctx): Promise<Result<ImportPreview, FileError>> {
  if (!file || !settings) return notOpen();
  const opened = file;
  const s = settings;
  ctx.progress({ stage: 'convert', fraction: 0 });
  const result = await convertInParts(opened, s, (fraction) => ctx.progress({ stage: 'convert', fraction }));
  if (!result.ok) return result;
  // Every call is answered; only the file and settings still current keep their rows.
  if (file === opened && settings === s) {
    converted = result.value;
    keysAhead(result.value);
  }
  return ok(previewOf(opened, s, result.value));
}

/**
 * The lines' keys (what the plan compares with the store) worked out while the page shows the
 * preview, once the preview has been answered: the worker is idle then, and the plan waits less.
 */
function keysAhead(c: Converted) {
  lineKeysOf = null;
  setTimeout(() => {
    if (converted === c && c.lines) lineKeysOf = { converted: c, keys: lineKeys(c.lines) };
  }, 0);
}

function convertActivity(ctx: Ctx): Result<ActivityPreview, FileError> {
  if (!file || !activity) return notOpen();
  ctx.progress({ stage: 'convert', fraction: 0 });
  const result = convertActivityFile(file, activity.settings, activity.context, (fraction) => ctx.progress({ stage: 'convert', fraction }));
  if (!result.ok) return result;
  activity.converted = result.value;
  return ok(activityPreviewOf(file, activity.settings, result.value));
}

function convertRecords(ctx: Ctx): Result<RecordPreview, FileError> {
  if (!file || !records) return notOpen();
  const kind = recordKinds[records.kind];
  ctx.progress({ stage: 'convert', fraction: 0 });
  const result = convertRecordFile(kind, file, records.settings);
  if (!result.ok) return result;
  records.converted = result.value;
  return ok(recordPreviewOf(kind, file, records.settings, result.value));
}

/** Whichever conversion this session holds (a record file, an activity log or customers): its header row and problems. */
function currentConversion(): { headerRow: number; problems: RowProblem[] } {
  const held = records
    ? records.converted && { headerRow: records.settings.headerRow, problems: records.converted.problems }
    : activity
      ? activity.converted && { headerRow: activity.settings.headerRow, problems: activity.converted.problems }
      : settings && converted && { headerRow: settings.headerRow, problems: converted.problems };
  return held ?? notOpen();
}

/**
 * The one place every open call reads its file: a text file is decoded; an .xlsx becomes its
 * sheet's CSV text (the reader is loaded only then), so everything after reads text alike.
 */
async function readUpload(upload: Blob, ctx: Ctx, inParts = false): Promise<Result<OpenedFile, FileError>> {
  ctx.progress({ stage: 'decode' });
  // A file large enough to be read in two parts: the helper's script loads while the bytes are read
  // (on a busy machine its start was half a second of the open, all before it could begin).
  if (inParts && upload.size >= SPLIT_FROM) partHelper();
  const bytes = await upload.arrayBuffer();
  restOf = null;
  const head = inParts ? await openInParts(new Uint8Array(bytes)) : null;
  const opened = head ? ok(head) : await openUpload(new Uint8Array(bytes));
  if (opened.ok) file = opened.value;
  return opened;
}

const handlers = {
  open: async ({ file: upload, settings: asked }: { file: Blob; settings: ImportSettings }, ctx: Ctx) => {
    const opened = await readUpload(upload, ctx, true);
    if (!opened.ok) return opened;
    settings = resolveSettings(opened.value, asked);
    return convertAndPreview(ctx);
  },
  configure: ({ settings: asked }: { settings: ImportSettings }, ctx: Ctx) => {
    if (!file) return notOpen();
    settings = resolveSettings(file, asked);
    return convertAndPreview(ctx);
  },
  /**
   * The plan without its bulk; the bulk waits here in `parts` parts for `planPart` (one message of
   * 100,000 customers is a long freeze for the page to unpack; each part is a short one).
   */
  plan: ({ choices, stored, now, options }: { choices: CleaningChoices; stored: StoredKeys; now: string; options: PlanOptions }) => {
    if (!converted) return notOpen();
    const ahead = lineKeysOf?.converted === converted ? lineKeysOf.keys : undefined;
    lineKeysOf = null; // the plan hands them on (they move to the page): a second plan works them out again
    const plan = planImport(converted, choices, stored, new Date(now), options, ahead);
    const parts: PlanPart[] = [];
    for (let i = 0; i < plan.newCustomers.length; i += PART) parts.push({ customers: plan.newCustomers.slice(i, i + PART) });
    for (let i = 0; i < plan.updates.length; i += PART) parts.push({ updates: plan.updates.slice(i, i + PART) });
    for (const piece of plan.batch.pieces) parts.push({ piece });
    planParts = parts;
    const rest: ImportPlan = { ...plan, newCustomers: [], updates: [], batch: { ...plan.batch, pieces: [] } };
    return transfer({ plan: rest, parts: parts.length }, [plan.batch.keys.buffer as ArrayBuffer]);
  },
  /** Part `index` of the last plan, moved (not copied) to the page. */
  planPart: ({ index }: { index: number }) => {
    const part = planParts[index] ?? notOpen();
    planParts[index] = null;
    const buffers = 'piece' in part ? Object.values(part.piece).filter(ArrayBuffer.isView).map((v) => v.buffer as ArrayBuffer) : [];
    return transfer(part, buffers);
  },
  /** How many lines name a customer nobody has (for the preview's choice). */
  unknownRefs: ({ stored }: { stored: StoredCustomerKeys }) => (converted ? unknownRefCounts(converted, stored) : notOpen()),
  problemsCsv: ({ labels }: { labels: ProblemLabels }) => problemsCsv(currentConversion().problems, labels),
  /** The user's own file back, with a column saying what is wrong with each row. */
  fileWithReasons: async ({ labels }: { labels: Pick<ProblemLabels, 'messages' | 'wholeRow'> & { reasonColumn: string } }) => {
    const current = currentConversion();
    if (!file) return notOpen();
    // A file read in two parts: its text is the two joined (each ends where the next starts).
    const text = restOf === file ? file.text + helperAnswer(await partHelper().rpc.call('text', undefined)) : file.text;
    return fileWithReasons(text, file.parsed.delimiter, current.headerRow, current.problems, labels);
  },
  /** An activity log (lib/timeuse/import) through the same session: open, adjust, take the entries. */
  openActivity: async ({ file: upload, settings: asked, context }: { file: Blob; settings: ActivitySettings; context: ActivityContext }, ctx: Ctx) => {
    const opened = await readUpload(upload, ctx);
    if (!opened.ok) return opened;
    activity = { context, settings: resolveActivitySettings(opened.value, asked), converted: null };
    return convertActivity(ctx);
  },
  configureActivity: ({ settings: asked }: { settings: ActivitySettings }, ctx: Ctx) => {
    if (!file || !activity) return notOpen();
    activity.settings = resolveActivitySettings(file, asked);
    return convertActivity(ctx);
  },
  activityEntries: () => {
    if (!activity?.converted) return notOpen();
    return { entries: activity.converted.entries, newReps: activity.converted.newReps };
  },
  /** A small record file (lib/import/records: prospects, products) through the same session. */
  openRecords: async ({ file: upload, kind, settings: asked }: { file: Blob; kind: RecordKindId; settings: RecordSettings }, ctx: Ctx) => {
    const opened = await readUpload(upload, ctx);
    if (!opened.ok) return opened;
    records = { kind, settings: resolveRecordSettings(opened.value, recordKinds[kind], asked), converted: null };
    return convertRecords(ctx);
  },
  configureRecords: ({ settings: asked }: { settings: RecordSettings }, ctx: Ctx) => {
    if (!file || !records) return notOpen();
    records.settings = resolveRecordSettings(file, recordKinds[records.kind], asked);
    return convertRecords(ctx);
  },
  recordsResult: () => {
    if (!records?.converted) return notOpen();
    return records.converted.output as RecordOutputs[RecordKindId];
  },
};

export type ImportHandlers = typeof handlers;
serve(handlers);
