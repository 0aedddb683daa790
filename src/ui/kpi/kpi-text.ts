/** KPI names, values and statuses in the UI language: the board and the Overview say them the same way. */
import { t } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/keys';
import { formatMoney, formatPercent } from '../../lib/format';
import { kpiDefinitions, type KpiId, type KpiStatus } from '../../lib/kpi/definitions';

export const kpiName = (id: KpiId) => t(`kpi.name.${id}` as MessageKey);
export const kpiDefinitionText = (id: KpiId) => t(`kpi.def.${id}` as MessageKey);
/** 'none' says why: nothing to measure yet, or no target set. */
export const kpiStatusText = (status: KpiStatus, value: number | null) => (value === null ? t('kpi.status.noData') : t(`kpi.status.${status}` as MessageKey));

export function kpiValueText(id: KpiId, value: number | null, tag: string): string {
  if (value === null) return '—';
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
