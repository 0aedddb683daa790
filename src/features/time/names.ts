/** Labels for setup items in the UI language (screens only render; the rules are in lib/timeuse). */
import { i18n, t } from '../../i18n/i18n.svelte';
import { categoryName, type TimeSetup } from '../../lib/timeuse/setup';
import type { TableLabels } from '../../lib/timeuse/tables';

export function namer(setup: TimeSetup) {
  const cats = new Map(setup.categories.map((c) => [c.id, c]));
  const reps = new Map(setup.reps.map((r) => [r.id, r.name]));
  return {
    category: (id: string) => {
      const c = cats.get(id);
      return c ? categoryName(c, i18n.locale) : id;
    },
    rep: (id: string) => reps.get(id) ?? id,
  };
}

/** Hours with at most one decimal. */
export const hours = (minutes: number) => Math.round(minutes / 6) / 10;


/** Column labels for the analysis tables and their CSV, in the UI language. */
export function tableLabels(setup: TimeSetup): TableLabels {
  const n = namer(setup);
  return {
    who: t('timeuse.an.who'),
    minutesOf: (name) => t('timeuse.csv.minutesOf', { name }),
    total: t('timeuse.csv.total'),
    selling: t('timeuse.csv.selling'),
    transactional: t('timeuse.csv.transactional'),
    sellingShare: t('timeuse.csv.sellingShare'),
    categoryName: n.category,
    repName: n.rep,
    team: t('timeuse.an.team'),
  };
}
