/** Fits the lifetime-value models to a summary the analysis worker built (lib/clv/model). */
import { fitClv } from '../lib/clv/model';
import type { FromClvWorker, ToClvWorker } from './protocol';

const post = (message: FromClvWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = ({ data }: MessageEvent<ToClvWorker>) => {
  try {
    const result = fitClv(data.summary, data.horizonDays);
    const s = result.ok ? result.value.scores : null;
    const transfer = s ? [s.ids, s.x, s.pAlive, s.purchases, s.spend, s.value, s.total].map((a) => a.buffer as ArrayBuffer) : [];
    post({ type: 'fitted', requestId: data.requestId, result }, transfer);
  } catch (e) {
    post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
