import { metricIds, metrics, type MetricId } from '../../lib/metrics/definitions';
import { part } from './part';

/** The metric dictionary's names and definitions (lib/metrics/definitions), as i18n keys: one text per figure. */
type MetricKey = `metric.name.${MetricId}` | `metric.def.${MetricId}`;

const texts = (lang: 'zh' | 'en') =>
  Object.fromEntries(metricIds.flatMap((id) => [[`metric.name.${id}`, metrics[id].name[lang]], [`metric.def.${id}`, metrics[id].definition[lang]]])) as Record<MetricKey, string>;

export const metricsMessages = part<MetricKey>({ zh: texts('zh'), en: texts('en') });

/** Words screens put around the dictionary's figures. */
export const metricScreenMessages = part({
  zh: {
    'metric.selfCheck.definition': '{name}：{definition}',
    'metric.selfCheck.takings': '门店实际的{name}：本月 {this}，上月 {last}（供对照，不进入上面的公式）。',
  },
  en: {
    'metric.selfCheck.definition': '{name}: {definition}',
    'metric.selfCheck.takings': 'The store’s actual {name}: this month {this}, last month {last} (for comparison; not part of the formula above).',
  },
});
