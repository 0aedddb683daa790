/**
 * What-if: move hours a week from transactional work to selling. Uses the course's store
 * self-check formula (domain.md §5): revenue = customers × average customer value; customers =
 * prospects × conversion rate. Assumption (shown to the user): prospects grow in proportion to
 * selling hours, at the store's current prospects per selling hour; conversion and average value
 * stay as they are.
 */
import { err, ok, type Result } from '../result';

export interface WhatIfInput {
  /** Hours a week the user wants to move. */
  hoursPerWeek: number;
  /** Hours a week the chosen transactional categories take now (the most that can move). */
  availableHoursPerWeek: number;
  /** Selling / customer-facing hours a week now. */
  sellingHoursPerWeek: number;
  /** All recorded hours a week. */
  totalHoursPerWeek: number;
  prospectsPerWeek: number;
  /** 0–1 */
  conversionRate: number;
  /** Fen per customer. */
  averageValueFen: number;
  /** Weeks to project over (52: a year). */
  weeks: number;
}

export interface WhatIfResult {
  movedHoursPerWeek: number;
  /** True when the wish was more than the chosen categories take. */
  capped: boolean;
  prospectsPerSellingHour: number;
  sellingShareBefore: number;
  sellingShareAfter: number;
  customersPerWeekBefore: number;
  revenuePerWeekBeforeFen: number;
  extraProspectsPerWeek: number;
  extraCustomersPerWeek: number;
  extraRevenuePerWeekFen: number;
  extraCustomersOverPeriod: number;
  extraRevenueOverPeriodFen: number;
}

export type WhatIfError = { code: 'whatIf.noSellingTime' } | { code: 'whatIf.badInput'; field: keyof WhatIfInput };

export function whatIf(input: WhatIfInput): Result<WhatIfResult, WhatIfError> {
  for (const field of ['hoursPerWeek', 'availableHoursPerWeek', 'sellingHoursPerWeek', 'totalHoursPerWeek', 'prospectsPerWeek', 'averageValueFen', 'weeks'] as const) {
    if (!Number.isFinite(input[field]) || input[field] < 0) return err({ code: 'whatIf.badInput', field });
  }
  if (!Number.isFinite(input.conversionRate) || input.conversionRate < 0 || input.conversionRate > 1) return err({ code: 'whatIf.badInput', field: 'conversionRate' });
  if (input.sellingHoursPerWeek <= 0) return err({ code: 'whatIf.noSellingTime' });
  const moved = Math.min(input.hoursPerWeek, input.availableHoursPerWeek);
  const perHour = input.prospectsPerWeek / input.sellingHoursPerWeek;
  const customersBefore = input.prospectsPerWeek * input.conversionRate;
  const extraProspects = moved * perHour;
  const extraCustomers = extraProspects * input.conversionRate;
  const extraRevenue = Math.round(extraCustomers * input.averageValueFen);
  const total = input.totalHoursPerWeek;
  return ok({
    movedHoursPerWeek: moved,
    capped: moved < input.hoursPerWeek,
    prospectsPerSellingHour: perHour,
    sellingShareBefore: total > 0 ? input.sellingHoursPerWeek / total : 0,
    sellingShareAfter: total > 0 ? (input.sellingHoursPerWeek + moved) / total : 0,
    customersPerWeekBefore: customersBefore,
    revenuePerWeekBeforeFen: Math.round(customersBefore * input.averageValueFen),
    extraProspectsPerWeek: extraProspects,
    extraCustomersPerWeek: extraCustomers,
    extraRevenuePerWeekFen: extraRevenue,
    extraCustomersOverPeriod: extraCustomers * input.weeks,
    extraRevenueOverPeriodFen: Math.round(extraCustomers * input.averageValueFen * input.weeks),
  });
}
