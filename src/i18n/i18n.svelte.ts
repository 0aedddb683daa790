/** The current UI language as rune state; `t()` reads it, so every label re-renders on a switch. */
import { detectLocale, interpolate, LOCALE_KEY } from './detect';
import type { Locale, MessageKey } from './keys';

type Words = Record<MessageKey, string>;

// One language's words are loaded, not both: the page opens with the one it shows (the build makes
// each a file of its own, scripts/vite-plugin-words.ts) and loads the other on a switch.
const dictionaries: Partial<Record<Locale, Words>> = {};
const loaders: Record<Locale, () => Promise<Words>> = {
  zh: () => import('./zh').then((m) => m.zh),
  en: () => import('./en').then((m) => m.en),
};

/** Loads a language's words (once); `t()` in that language needs them. */
export async function loadWords(locale: Locale): Promise<void> {
  dictionaries[locale] ??= await loaders[locale]();
}

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return detectLocale(globalThis.navigator?.languages ?? []);
}

let current = $state<Locale>(initialLocale());

export const i18n = {
  get locale(): Locale {
    return current;
  },
  /** Switches once the language's words are here, so no label shows a key meanwhile. */
  async use(next: Locale): Promise<void> {
    await loadWords(next);
    current = next;
    globalThis.localStorage?.setItem(LOCALE_KEY, next);
  },
  /** BCP 47 tag for Intl and the html lang attribute. */
  get tag(): string {
    return current === 'zh' ? 'zh-CN' : 'en';
  },
};

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  // The words are loaded before the app mounts (main.ts) and before a switch: a key shown means a bug.
  const words = dictionaries[current];
  return words ? interpolate(words[key], params) : key;
}

/** For keys built at run time (error codes): unknown ones fall back to the generic message. */
export function tCode(code: string, params: Record<string, string | number> = {}): string {
  const key = `errors.${code}` as MessageKey;
  return key in (dictionaries[current] ?? {}) ? t(key, params) : t('errors.unexpected', { message: code });
}
