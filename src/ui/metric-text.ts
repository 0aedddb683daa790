/** A metric's name and definition (口径) in the UI language, from the one dictionary (lib/metrics/definitions). */
import { t } from '../i18n/i18n.svelte';
import type { MetricId } from '../lib/metrics/definitions';

export const metricName = (id: MetricId) => t(`metric.name.${id}`);
export const metricDefinition = (id: MetricId, params?: Record<string, string | number>) => t(`metric.def.${id}`, params);
