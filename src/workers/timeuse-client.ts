/** The page's handle on the time-allocation worker: `timeuse.call('analyse', { setup, filter })`. */
import type { TimeHandlers } from './timeuse.worker';
import { createRpc } from './rpc';

export const timeuse = createRpc<TimeHandlers>(() => new Worker(new URL('./timeuse.worker.ts', import.meta.url), { type: 'module' }));
