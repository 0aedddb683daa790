/** The current UI language as rune state; `t()` reads it, so every label re-renders on a switch. */
import { detectLocale, interpolate } from './detect';
import { en } from './en';
import type { Locale, MessageKey } from './keys';
import { zh } from './zh';

const STORAGE_KEY = 'keqing.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { zh, en };

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return detectLocale(globalThis.navigator?.languages ?? []);
}

let current = $state<Locale>(initialLocale());

export const i18n = {
  get locale(): Locale {
    return current;
  },
  set locale(next: Locale) {
    current = next;
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  },
  /** BCP 47 tag for Intl and the html lang attribute. */
  get tag(): string {
    return current === 'zh' ? 'zh-CN' : 'en';
  },
};

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(dictionaries[current][key], params);
}

/** For keys built at run time (error codes): unknown ones fall back to the generic message. */
export function tCode(code: string, params: Record<string, string | number> = {}): string {
  const key = `errors.${code}` as MessageKey;
  return key in dictionaries[current] ? t(key, params) : t('errors.unexpected', { message: code });
}
