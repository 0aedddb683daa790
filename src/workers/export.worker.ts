/** Builds the open-format zip (Parquet, data dictionary, SQL) off the page: 1 M lines take seconds, never a long main-thread task. */
import { openExportZip } from '../lib/export/open-export';
import type { FromExportWorker, ToExportWorker } from './export-client';

const post = (message: FromExportWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = async ({ data }: MessageEvent<ToExportWorker>) => {
  try {
    const zip = await openExportZip({ ...data.input, exportedAt: new Date(data.input.exportedAt) });
    post({ type: 'done', zip }, [zip.buffer as ArrayBuffer]);
  } catch (e) {
    post({ type: 'crashed', message: e instanceof Error ? e.message : String(e) });
  }
};
