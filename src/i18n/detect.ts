import type { Locale } from './keys';

/** Where the language the user chose is kept (localStorage); the page's preload script reads it too. */
export const LOCALE_KEY = 'keqing.locale';

/** The UI language for a browser: Chinese for any zh-* preference that comes before English, else English. */
export function detectLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lang = tag.toLowerCase().split('-')[0];
    if (lang === 'zh') return 'zh';
    if (lang === 'en') return 'en';
  }
  return 'en';
}

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible rather than "undefined". */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
