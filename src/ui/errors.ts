import { t } from '../i18n/i18n.svelte';

/** Words for a thrown error: a full disk gets its own message; anything else names itself. */
export function describeError(e: unknown): string {
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  if (names.includes('QuotaExceededError')) return t('errors.storage.quota');
  return t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) });
}
