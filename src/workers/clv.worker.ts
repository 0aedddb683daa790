/** Fits the lifetime-value models to a summary the analysis worker built (lib/clv/model). */
import { fitClv } from '../lib/clv/model';
import type { TransactionSummary } from '../lib/clv/summary';
import { serve, transfer } from './rpc';

const handlers = {
  /** One fit cannot stop midway: the client ends the worker to cancel it (terminateOnCancel). */
  fit({ summary, horizonDays }: { summary: TransactionSummary; horizonDays: number }) {
    const result = fitClv(summary, horizonDays);
    const s = result.ok ? result.value.scores : null;
    return transfer(result, s ? [s.ids, s.x, s.pAlive, s.purchases, s.spend, s.value, s.total].map((a) => a.buffer as ArrayBuffer) : []);
  },
};

export type ClvHandlers = typeof handlers;
serve(handlers);
