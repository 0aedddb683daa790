/** Time-allocation analysis off the page: the stored chunks are sent once, then analysed per filter. */
import { analyseTime } from '../lib/timeuse/aggregate';
import type { TimeChunk } from '../lib/timeuse/entries';
import type { FromTimeWorker, ToTimeWorker } from './protocol';

let chunks: TimeChunk[] = [];
const post = (message: FromTimeWorker) => self.postMessage(message);

self.onmessage = ({ data }: MessageEvent<ToTimeWorker>) => {
  try {
    if (data.type === 'load') {
      chunks = data.chunks;
      return post({ type: 'loaded', requestId: data.requestId, entries: chunks.reduce((n, c) => n + c.columns.length, 0) });
    }
    const t0 = performance.now();
    const analysis = analyseTime(chunks, data.setup, data.filter);
    post({ type: 'analysis', requestId: data.requestId, analysis, ms: performance.now() - t0 });
  } catch (e) {
    post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
