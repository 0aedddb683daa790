import { t, tCode } from '../i18n/i18n.svelte';

/**
 * Words for an error: a full disk gets its own message; a coded error (a worker's or a live
 * analysis's `{ code, message? }`) its own words; anything else names itself.
 */
export function describeError(e: unknown): string {
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  if (names.includes('QuotaExceededError')) return t('errors.storage.quota');
  if (!(e instanceof Error) && typeof (e as { code?: unknown })?.code === 'string') {
    const { code, message } = e as { code: string; message?: unknown };
    return tCode(code, { message: typeof message === 'string' ? message : '' });
  }
  return t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) });
}
