/** The words of an import's problem report (lib/import/report), in the UI language: one place for every importer screen. */
import { t, tCode } from '../i18n/i18n.svelte';
import type { ProblemLabels } from '../lib/import/report';

/** A keyless row is imported, filed by name: not "value not imported" as other warnings. */
export const problemEffects = (): Record<string, string> => ({ 'customer.keyless': t('keys.effect.keyless') });

export function problemLabels(codes: readonly string[]): ProblemLabels {
  return {
    headers: [t('import.col.line'), t('import.col.column'), t('import.col.value'), t('import.col.problem'), t('import.col.severity')],
    messages: Object.fromEntries(codes.map((code) => [code, tCode(code)])),
    severity: { error: t('import.severity.error'), warning: t('import.severity.warning'), kept: t('import.severity.kept') },
    effects: problemEffects(),
    wholeRow: t('import.wholeRow'),
  };
}
