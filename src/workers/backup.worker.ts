import { readBackup } from '../lib/backup/read';
import type { FromBackupWorker, ToBackupWorker } from './protocol';

const post = (message: FromBackupWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = async ({ data }: MessageEvent<ToBackupWorker>) => {
  try {
    const result = await readBackup(data.file, (fraction) => post({ type: 'progress', fraction }), data.options);
    if (!result.ok) return post({ type: 'failed', error: result.error });
    // Move the packed purchase columns to the page instead of copying them.
    const buffers = new Set<ArrayBuffer>();
    for (const chunk of result.value.rows.purchaseChunks) {
      for (const column of Object.values(chunk.columns)) if (ArrayBuffer.isView(column)) buffers.add(column.buffer as ArrayBuffer);
    }
    post({ type: 'done', contents: result.value }, [...buffers]);
  } catch (e) {
    post({ type: 'crashed', message: e instanceof Error ? e.message : String(e) });
  }
};
