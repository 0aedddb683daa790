/** The build's word files (scripts/vite-plugin-words.ts): one language each, the same words as the source. */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { wordsAsData, wordsModule } from '../../scripts/vite-plugin-words';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';

/** Runs a generated module's one statement and returns what it exports. */
function evaluate(code: string): Record<string, unknown> {
  const context: Record<string, unknown> = { JSON };
  runInNewContext(code.replace(/^export const (\w+) =/, 'var $1 ='), context);
  return context;
}

describe('words as data', () => {
  it('writes the words as one JSON string, quotes and line breaks kept', () => {
    const words = { a: 'say "hi"', b: '两行\n文字', c: "it's {n} 件" };
    const code = wordsModule('zh', words);
    expect(code).toMatch(/^export const zh = JSON\.parse\(".*"\);\n$/s);
    expect(evaluate(code).zh).toEqual(words);
  });

  it("replaces each dictionary module with its own language's words only", { timeout: 120_000 }, async () => {
    const plugin = wordsAsData();
    const load = plugin.load as (id: string) => Promise<string | null>;
    const zhCode = await load.call({}, `${process.cwd()}/src/i18n/zh.ts`);
    const enCode = await load.call({}, `${process.cwd()}/src/i18n/en.ts`);
    expect(evaluate(zhCode!).zh).toEqual(zh);
    expect(evaluate(enCode!).en).toEqual(en);
    // The other language is not in the file: a word that differs between them is absent.
    expect(zhCode).toContain(JSON.stringify(JSON.stringify(zh['nav.customers'])).slice(1, -1));
    expect(zhCode).not.toContain(en['app.tagline']);
    expect(enCode).not.toContain(zh['app.tagline']);
    expect(zhCode).not.toMatch(/^import /m);
    // Every other module is left to the bundler.
    expect(await load.call({}, `${process.cwd()}/src/i18n/keys.ts`)).toBeNull();
  });
});
