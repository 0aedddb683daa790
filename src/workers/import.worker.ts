import { convertFile, openUpload, previewOf, resolveSettings, type FileError, type OpenedFile, type ResolvedSettings } from '../lib/import/analyse';
import { mergeConverted, type Converted, type RowProblem } from '../lib/import/convert';
import { splitPoint } from '../lib/import/parse';
import { ok, type Result } from '../lib/result';
import type { ConvertPartRequest } from './convert-part.worker';
import { fileWithReasons, problemsCsv } from '../lib/import/report';
import { planImport, unknownRefCounts } from '../lib/import/plan';
import { activityPreviewOf, convertActivityFile, resolveActivitySettings, type ActivityContext, type ActivityConverted, type ResolvedActivitySettings } from '../lib/timeuse/import';
import { convertRecordFile, recordPreviewOf, resolveRecordSettings, type RecordsConverted, type ResolvedRecordSettings } from '../lib/import/records';
import { recordKinds, type RecordKindId, type RecordOutputs } from '../lib/import/record-kinds';
import type { FromImportWorker, ToImportWorker } from './protocol';

/** The opened file and its latest conversion stay here between messages: the page never holds the rows. */
let file: OpenedFile | null = null;
let settings: ResolvedSettings | null = null;
let converted: Converted | null = null;
const PART = 5_000;
// An activity log (time allocation) opened in this session instead: the same file, its own rows.
let activity: { context: ActivityContext; settings: ResolvedActivitySettings; converted: ActivityConverted | null } | null = null;
// A small record file (lib/import/records: prospects, products) opened in this session instead.
let records: { kind: RecordKindId; settings: ResolvedRecordSettings; converted: RecordsConverted<unknown> | null } | null = null;

const post = (message: FromImportWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

/** Below this many characters one worker converts the file quickly enough on its own. */
const SPLIT_FROM = 4_000_000;

/**
 * A large file is cut in two at a row boundary: a helper worker converts the second half while
 * this one converts the first, then the halves are joined (mergeConverted gives exactly what one
 * pass over the whole file gives; tests/unit/import-split.test.ts).
 */
async function convertInParts(opened: OpenedFile, s: ResolvedSettings, onProgress: (fraction: number) => void): Promise<Result<Converted, FileError>> {
  const cut = opened.complete || opened.text.length < SPLIT_FROM ? null : splitPoint(opened.text, Math.floor(opened.text.length / 2));
  if (!cut) return convertFile(opened, s, onProgress);
  const helper = new Worker(new URL('./convert-part.worker.ts', import.meta.url), { type: 'module' });
  try {
    const signals: Record<'ready' | 'started', () => void> = { ready: () => {}, started: () => {} };
    const loaded = new Promise<void>((resolve) => (signals.ready = resolve));
    const started = new Promise<void>((resolve) => (signals.started = resolve));
    const second = new Promise<Result<Converted, FileError>>((resolve, reject) => {
      helper.onmessage = ({ data }: MessageEvent<Result<Converted, FileError> | 'ready' | 'started'>) => (typeof data === 'string' ? signals[data]() : resolve(data));
      helper.onerror = (e) => reject(new Error(e.message || 'conversion helper failed'));
    });
    await Promise.race([loaded, second]);
    const rest = opened.text.slice(cut.at);
    helper.postMessage({ file: { ...opened, text: rest }, settings: s, part: { start: 0, end: rest.length, firstLine: cut.line, first: false } } satisfies ConvertPartRequest);
    await Promise.race([started, second]);
    const first = convertFile(opened, s, onProgress, { start: 0, end: cut.at, firstLine: 1, first: true });
    const other = await second;
    if (!first.ok) return first;
    if (!other.ok) return other;
    return ok(mergeConverted(first.value, other.value, s.mapping));
  } finally {
    helper.terminate();
  }
}

async function convertAndPreview(requestId: number) {
  if (!file || !settings) return;
  const opened = file;
  const s = settings;
  post({ type: 'progress', requestId, stage: 'convert', fraction: 0 });
  const result = await convertInParts(opened, s, (fraction) => post({ type: 'progress', requestId, stage: 'convert', fraction }));
  if (!result.ok) return post({ type: 'failed', requestId, error: result.error });
  // Every request is answered; only the file and settings still current keep their rows.
  if (file === opened && settings === s) converted = result.value;
  post({ type: 'preview', requestId, preview: previewOf(opened, s, result.value) });
}

function convertActivity(requestId: number) {
  if (!file || !activity) return;
  post({ type: 'progress', requestId, stage: 'convert', fraction: 0 });
  const result = convertActivityFile(file, activity.settings, activity.context, (fraction) => post({ type: 'progress', requestId, stage: 'convert', fraction }));
  if (!result.ok) return post({ type: 'failed', requestId, error: result.error });
  activity.converted = result.value;
  post({ type: 'activityPreview', requestId, preview: activityPreviewOf(file, activity.settings, result.value) });
}

function convertRecords(requestId: number) {
  if (!file || !records) return;
  const kind = recordKinds[records.kind];
  post({ type: 'progress', requestId, stage: 'convert', fraction: 0 });
  const result = convertRecordFile(kind, file, records.settings);
  if (!result.ok) return post({ type: 'failed', requestId, error: result.error });
  records.converted = result.value;
  post({ type: 'recordsPreview', requestId, preview: recordPreviewOf(kind, file, records.settings, result.value) });
}

/** Whichever conversion this session holds (a record file, an activity log or customers): its header row and problems. */
function currentConversion(): { headerRow: number; problems: RowProblem[] } | null {
  if (records) return records.converted && { headerRow: records.settings.headerRow, problems: records.converted.problems };
  if (activity) return activity.converted && { headerRow: activity.settings.headerRow, problems: activity.converted.problems };
  return settings && converted && { headerRow: settings.headerRow, problems: converted.problems };
}

/**
 * The one place every open message reads its file: a text file is decoded; an .xlsx becomes its
 * sheet's CSV text (the reader is loaded only then), so everything after reads text alike.
 */
const readUpload = (bytes: ArrayBuffer) => openUpload(new Uint8Array(bytes));

// async for readUpload only: the other messages run to their end without waiting.
self.onmessage = async ({ data }: MessageEvent<ToImportWorker>) => {
  // Asked about a file this session does not hold (cannot happen from our screens): answer, never leave the page waiting.
  const notOpen = () => post({ type: 'crashed', requestId: data.requestId, message: 'No file is open in this import: choose it again.' });
  try {
    switch (data.type) {
      case 'open': {
        post({ type: 'progress', requestId: data.requestId, stage: 'decode' });
        const opened = await readUpload(data.bytes);
        if (!opened.ok) return post({ type: 'failed', requestId: data.requestId, error: opened.error });
        file = opened.value;
        settings = resolveSettings(file, data.settings);
        return void convertAndPreview(data.requestId).catch((e: unknown) => post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) }));
      }
      case 'configure': {
        if (!file) return notOpen();
        settings = resolveSettings(file, data.settings);
        return void convertAndPreview(data.requestId).catch((e: unknown) => post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) }));
      }
      case 'plan': {
        if (!converted) return notOpen();
        const plan = planImport(converted, data.choices, data.stored, new Date(data.now), data.options);
        const requestId = data.requestId;
        // Sent in parts: one message of 100,000 customers is a long freeze for the page to unpack.
        for (let i = 0; i < plan.newCustomers.length; i += PART) post({ type: 'planPart', requestId, customers: plan.newCustomers.slice(i, i + PART) });
        for (let i = 0; i < plan.updates.length; i += PART) post({ type: 'planPart', requestId, updates: plan.updates.slice(i, i + PART) });
        for (const piece of plan.batch.pieces) {
          const buffers = Object.values(piece).filter(ArrayBuffer.isView).map((v) => v.buffer as ArrayBuffer);
          post({ type: 'planPart', requestId, piece }, buffers);
        }
        const rest = { ...plan, newCustomers: [], updates: [], batch: { ...plan.batch, pieces: [] } };
        return post({ type: 'plan', requestId, plan: rest }, [plan.batch.keys.buffer]);
      }
      case 'unknownRefs': {
        if (!converted) return notOpen();
        return post({ type: 'unknownRefs', requestId: data.requestId, ...unknownRefCounts(converted, data.stored) });
      }
      case 'fileWithReasons': {
        const current = currentConversion();
        if (!file || !current) return notOpen();
        return post({ type: 'fileWithReasons', requestId: data.requestId, csv: fileWithReasons(file.text, file.parsed.delimiter, current.headerRow, current.problems, data.labels) });
      }
      case 'problemsCsv': {
        const current = currentConversion();
        if (!current) return notOpen();
        return post({ type: 'problemsCsv', requestId: data.requestId, csv: problemsCsv(current.problems, data.labels) });
      }
      case 'openActivity': {
        post({ type: 'progress', requestId: data.requestId, stage: 'decode' });
        const opened = await readUpload(data.bytes);
        if (!opened.ok) return post({ type: 'failed', requestId: data.requestId, error: opened.error });
        file = opened.value;
        activity = { context: data.context, settings: resolveActivitySettings(file, data.settings), converted: null };
        return convertActivity(data.requestId);
      }
      case 'configureActivity': {
        if (!file || !activity) return notOpen();
        activity.settings = resolveActivitySettings(file, data.settings);
        return convertActivity(data.requestId);
      }
      case 'activityEntries': {
        if (!activity?.converted) return notOpen();
        return post({ type: 'activityEntries', requestId: data.requestId, entries: activity.converted.entries, newReps: activity.converted.newReps });
      }
      case 'openRecords': {
        post({ type: 'progress', requestId: data.requestId, stage: 'decode' });
        const opened = await readUpload(data.bytes);
        if (!opened.ok) return post({ type: 'failed', requestId: data.requestId, error: opened.error });
        file = opened.value;
        records = { kind: data.kind, settings: resolveRecordSettings(file, recordKinds[data.kind], data.settings), converted: null };
        return convertRecords(data.requestId);
      }
      case 'configureRecords': {
        if (!file || !records) return notOpen();
        records.settings = resolveRecordSettings(file, recordKinds[records.kind], data.settings);
        return convertRecords(data.requestId);
      }
      case 'recordsResult': {
        if (!records?.converted) return notOpen();
        return post({ type: 'recordsResult', requestId: data.requestId, output: records.converted.output as RecordOutputs[RecordKindId] });
      }
    }
  } catch (e) {
    post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
