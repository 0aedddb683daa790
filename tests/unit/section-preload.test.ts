/** The build's index page: each section's files preloaded by a script the page's own policy allows. */
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { CONTENT_SECURITY_POLICY, policyFor, preloadScript, sectionFiles } from '../../scripts/vite-plugin-offline';

const chunk = (fileName: string, extra: Record<string, unknown> = {}) =>
  ({ type: 'chunk', fileName, imports: [], isEntry: false, isDynamicEntry: false, facadeModuleId: null, viteMetadata: { importedCss: new Set(), importedAssets: new Set() }, ...extra }) as unknown as Rollup.OutputChunk;

const bundle = {
  'index.js': chunk('assets/index.js', { isEntry: true, imports: ['assets/shared.js'] }),
  'shared.js': chunk('assets/shared.js'),
  'Customers.js': chunk('assets/Customers.js', {
    isDynamicEntry: true,
    facadeModuleId: '/app/src/features/customers/Customers.svelte',
    imports: ['assets/shared.js', 'assets/list.js'],
    viteMetadata: { importedCss: new Set(['assets/Customers.css']), importedAssets: new Set() },
  }),
  'list.js': chunk('assets/list.js', { imports: ['assets/number.js'] }),
  'number.js': chunk('assets/number.js'),
  // A lazily loaded part inside a section is not a section.
  'Chart.js': chunk('assets/Chart.js', { isDynamicEntry: true, facadeModuleId: '/app/src/features/customers/Chart.svelte' }),
  'zh.js': chunk('assets/zh.js', { isDynamicEntry: true, facadeModuleId: '/app/src/i18n/zh.ts' }),
  'en.js': chunk('assets/en.js', { isDynamicEntry: true, facadeModuleId: '/app/src/i18n/en.ts' }),
} as unknown as Rollup.OutputBundle;

/** The links the page's script adds, for an address, a saved language and the browser's languages. */
function preloads(hash: string, saved: string | null | Error = null, languages: string[] = ['en-US']) {
  const links: Record<string, string>[] = [];
  const document = { createElement: () => ({}) as Record<string, string>, head: { appendChild: (l: Record<string, string>) => links.push(l) } };
  const localStorage = {
    getItem: (key: string) => {
      if (saved instanceof Error) throw saved;
      return key === 'keqing.locale' ? saved : null;
    },
  };
  runInNewContext(preloadScript(sectionFiles(bundle)), { document, location: { hash }, localStorage, navigator: { languages } });
  return links.map((l) => [l.rel, l.href, l.as]);
}

describe('section preload', () => {
  it('lists each section with the chunks and styles it needs beyond the entry', () => {
    expect(sectionFiles(bundle)).toEqual({
      customers: ['./assets/Customers.js', './assets/list.js', './assets/number.js', './assets/Customers.css'],
      '@zh': ['./assets/zh.js'],
      '@en': ['./assets/en.js'],
    });
  });

  it('adds modulepreload links for the section the address opens, and none for another', () => {
    expect(preloads('#/customers/import')).toEqual([
      ['modulepreload', './assets/Customers.js', undefined],
      ['modulepreload', './assets/list.js', undefined],
      ['modulepreload', './assets/number.js', undefined],
      ['preload', './assets/Customers.css', 'style'],
      ['modulepreload', './assets/en.js', undefined],
    ]);
    expect(preloads('')).toEqual([['modulepreload', './assets/en.js', undefined]]);
    expect(preloads('#/segments')).toEqual([['modulepreload', './assets/en.js', undefined]]);
  });

  it("preloads the words of the language the page will show: the saved one, else the browser's", () => {
    const words = (saved: string | null | Error, languages: string[]) => preloads('', saved, languages).map((l) => l[1]);
    expect(words('zh', ['en-US'])).toEqual(['./assets/zh.js']);
    expect(words('en', ['zh-CN'])).toEqual(['./assets/en.js']);
    // Nothing (or nonsense) saved: as detectLocale chooses, the app's own function.
    expect(words(null, ['zh-TW', 'en'])).toEqual(['./assets/zh.js']);
    expect(words('fr', ['fr-FR', 'en-GB', 'zh'])).toEqual(['./assets/en.js']);
    expect(words(null, ['ja'])).toEqual(['./assets/en.js']);
    // Storage refused (a private window's policy): still the browser's language, no error.
    expect(words(new Error('SecurityError'), ['zh-CN'])).toEqual(['./assets/zh.js']);
  });

  it("allows the page's inline scripts by their hash and nothing else", () => {
    const script = preloadScript(sectionFiles(bundle));
    const html = `<head><script>${script}</script><script type="module" crossorigin src="./assets/index.js"></script></head>`;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(policyFor(html)).toBe(`${CONTENT_SECURITY_POLICY}; script-src 'self' 'sha256-${hash}'`);
    expect(policyFor('<script type="module" src="./a.js"></script>')).toBe(CONTENT_SECURITY_POLICY);
  });
});
