/**
 * The one function behind each metric of the dictionary (lib/metrics/definitions `computedBy`):
 * screens and the consistency test (tests/data/metrics-demo.test.ts) compute through these.
 * Kept apart from the texts so reading a name never loads an engine.
 */
import { registrationRate } from '../customers/quality';
import { countDormancy } from '../dormancy/rules';
import { buildBoard } from '../kpi/board';
import { purchaseKpis } from '../kpi/purchases';
import { sumLedger } from '../ledger/entry';
import { summariseColumns } from '../purchases/columns';
import { countTiers } from '../tiers/summary';
import { funnelSalesEstimate, pointsOnPurchases } from './figures';

export const metricFunctions = {
  registrationRate,
  buildBoard,
  purchaseKpis,
  summariseColumns,
  funnelSalesEstimate,
  countDormancy,
  countTiers,
  pointsOnPurchases,
  sumLedger,
} as const;
