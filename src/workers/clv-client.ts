/**
 * The page's handle on the lifetime-value fit worker: `clv.call('fit', { summary, horizonDays }, { signal })`.
 * A fit cannot stop midway, so cancelling it ends the worker and the next fit starts a fresh one.
 */
import type { ClvHandlers } from './clv.worker';
import { createRpc } from './rpc';

export const clv = createRpc<ClvHandlers>(() => new Worker(new URL('./clv.worker.ts', import.meta.url), { type: 'module' }), { terminateOnCancel: true });
