/**
 * The UI words ship one language per file, as data (issue 17, reopen ≤ 1 s). In the source every
 * feature keeps both languages side by side (src/i18n/parts); bundled as they are, both languages
 * (≈ 280 kB) sat in the start-up chunk that every visit parses. At build time each dictionary
 * module (src/i18n/zh.ts, en.ts) is evaluated and replaced by its words as one JSON.parse of a
 * string: the parts drop out of the bundle, the page loads only the language it shows, and V8
 * parses a JSON string faster than the same object written as code.
 */
import { runnerImport, type Plugin } from 'vite';

const DICTIONARY = /[\\/]src[\\/]i18n[\\/](zh|en)\.ts$/;

/** The module a dictionary becomes: its words, and nothing it imported. */
export const wordsModule = (name: string, words: Record<string, string>) =>
  `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(words))});\n`;

export function wordsAsData(): Plugin {
  return {
    name: 'keqing-words-as-data',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      const lang = DICTIONARY.exec(id)?.[1];
      if (!lang) return null;
      const { module } = await runnerImport<Record<string, Record<string, string>>>(id, { configFile: false, logLevel: 'silent' });
      const words = module[lang];
      if (!words) throw new Error(`${id} exports no ${lang}`);
      return wordsModule(lang, words);
    },
  };
}
