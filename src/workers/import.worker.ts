import { convertFile, openFile, previewOf, resolveSettings, type OpenedFile, type ResolvedSettings } from '../lib/import/analyse';
import type { Converted } from '../lib/import/convert';
import { problemsCsv } from '../lib/import/report';
import { planImport } from '../lib/import/plan';
import { activityPreviewOf, convertActivityFile, resolveActivitySettings, type ActivityContext, type ActivityConverted, type ResolvedActivitySettings } from '../lib/timeuse/import';
import type { FromImportWorker, ToImportWorker } from './protocol';

/** The opened file and its latest conversion stay here between messages: the page never holds the rows. */
let file: OpenedFile | null = null;
let settings: ResolvedSettings | null = null;
let converted: Converted | null = null;
const PART = 5_000;
// An activity log (time allocation) opened in this session instead: the same file, its own rows.
let activity: { context: ActivityContext; settings: ResolvedActivitySettings; converted: ActivityConverted | null } | null = null;

const post = (message: FromImportWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

function convertAndPreview(requestId: number) {
  if (!file || !settings) return;
  post({ type: 'progress', requestId, stage: 'convert', fraction: 0 });
  const result = convertFile(file, settings, (fraction) => post({ type: 'progress', requestId, stage: 'convert', fraction }));
  if (!result.ok) return post({ type: 'failed', requestId, error: result.error });
  converted = result.value;
  post({ type: 'preview', requestId, preview: previewOf(file, settings, converted) });
}

function convertActivity(requestId: number) {
  if (!file || !activity) return;
  post({ type: 'progress', requestId, stage: 'convert', fraction: 0 });
  const result = convertActivityFile(file, activity.settings, activity.context, (fraction) => post({ type: 'progress', requestId, stage: 'convert', fraction }));
  if (!result.ok) return post({ type: 'failed', requestId, error: result.error });
  activity.converted = result.value;
  post({ type: 'activityPreview', requestId, preview: activityPreviewOf(file, activity.settings, result.value) });
}

self.onmessage = ({ data }: MessageEvent<ToImportWorker>) => {
  try {
    switch (data.type) {
      case 'open': {
        post({ type: 'progress', requestId: data.requestId, stage: 'decode' });
        const opened = openFile(new Uint8Array(data.bytes));
        if (!opened.ok) return post({ type: 'failed', requestId: data.requestId, error: opened.error });
        file = opened.value;
        settings = resolveSettings(file, data.settings);
        return convertAndPreview(data.requestId);
      }
      case 'configure': {
        if (!file) return;
        settings = resolveSettings(file, data.settings);
        return convertAndPreview(data.requestId);
      }
      case 'plan': {
        if (!converted) return;
        const plan = planImport(converted, data.choices, data.stored, new Date(data.now));
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
      case 'problemsCsv': {
        const problems = activity ? activity.converted?.problems : converted?.problems;
        if (!problems) return;
        return post({ type: 'problemsCsv', requestId: data.requestId, csv: problemsCsv(problems, data.labels) });
      }
      case 'openActivity': {
        post({ type: 'progress', requestId: data.requestId, stage: 'decode' });
        const opened = openFile(new Uint8Array(data.bytes));
        if (!opened.ok) return post({ type: 'failed', requestId: data.requestId, error: opened.error });
        file = opened.value;
        activity = { context: data.context, settings: resolveActivitySettings(file, data.settings), converted: null };
        return convertActivity(data.requestId);
      }
      case 'configureActivity': {
        if (!file || !activity) return;
        activity.settings = resolveActivitySettings(file, data.settings);
        return convertActivity(data.requestId);
      }
      case 'activityEntries': {
        if (!activity?.converted) return;
        return post({ type: 'activityEntries', requestId: data.requestId, entries: activity.converted.entries, newReps: activity.converted.newReps });
      }
    }
  } catch (e) {
    post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
