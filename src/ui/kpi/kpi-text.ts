/** KPI names, values and statuses in the UI language: the board and the Overview say them the same way. */
import { t } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/keys';
import { formatMoney, formatPercent } from '../../lib/format';
import { metricDefinition, metricName } from '../metric-text';
import { kpiDefinitions, type KpiId, type KpiPeriod, type KpiStatus } from '../../lib/kpi/definitions';

// Names and definitions come from the metric dictionary: a KPI id is a metric id.
export const kpiName = (id: KpiId) => metricName(id);
/** The definition (口径); a KPI counted over a chosen period names it (the repeat rate: 月 / 季度 / 年). */
export const kpiDefinitionText = (id: KpiId, period: KpiPeriod | 'all' = kpiDefinitions[id].period) =>
  metricDefinition(id, { period: t(`kpi.periodWord.${period === 'all' ? 'month' : period}` as MessageKey) });
export const kpiPeriodName = (period: KpiPeriod) => t(`kpi.periodName.${period}` as MessageKey);
/** 'none' says why: nothing to divide by (no data), or no target set. */
export const kpiStatusText = (status: KpiStatus, noData: boolean) => (noData ? t('kpi.status.noData') : t(`kpi.status.${status}` as MessageKey));

/** A value as shown: no data is 0 (issue 10: 0, not a division error); a missing target is '—'. */
export function kpiValueText(id: KpiId, value: number | null, tag: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return kpiDefinitions[id].unit === 'money' ? formatMoney(Math.round(value), tag) : formatPercent(value, tag);
}

/** A value as the number a person types: percent points, or yuan. */
export function kpiInputValue(id: KpiId, value: number | null): string {
  if (value === null) return '';
  const shown = kpiDefinitions[id].unit === 'money' ? value / 100 : value * 100;
  return String(Math.round(shown * 100) / 100);
}

/** The typed number back to the stored value; '' = none; undefined = not a number. */
export function kpiFromInput(id: KpiId, text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return kpiDefinitions[id].unit === 'money' ? Math.round(n * 100) : n / 100;
}
