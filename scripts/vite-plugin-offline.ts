/**
 * Build-only plugins: write dist/sw.js with the list of built files (so the app opens offline
 * after one visit), start loading the opened section's code with the page, and add a
 * Content-Security-Policy that allows only this origin.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin, ResolvedConfig, Rollup } from 'vite';
import { detectLocale, LOCALE_KEY } from '../src/i18n/detect.ts';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

export function offline(swSource: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'keqing-offline',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const outDir = config.build.outDir;
      const files = listFiles(outDir)
        .map((path) => relative(outDir, path).split('\\').join('/'))
        .filter((file) => file !== 'sw.js')
        .sort();
      const hash = createHash('sha256');
      for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
      const source = readFileSync(swSource, 'utf8')
        .replace('self.__KEQING_ASSETS__ ?? []', JSON.stringify(files.map((f) => `./${f}`)))
        .replace("self.__KEQING_VERSION__ ?? 'dev'", JSON.stringify(hash.digest('hex').slice(0, 16)));
      writeFileSync(join(outDir, 'sw.js'), source);
    },
  };
}

/**
 * The section a hash opens (as `routeFromHash` in src/ui/router.svelte.ts) → the files it loads; and
 * `@zh` / `@en` → the file of that language's words (src/i18n/i18n.svelte.ts loads one).
 */
export type SectionFiles = Record<string, string[]>;

/**
 * Each section's chunk (features/<route>/<Route>.svelte, loaded when first opened) and the chunks and
 * styles it needs that the entry does not already load, as paths relative to the page; each
 * language's words.
 */
export function sectionFiles(bundle: Rollup.OutputBundle): SectionFiles {
  const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
    };
    roots.forEach(visit);
    return seen;
  };
  const loaded = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
  const out: SectionFiles = {};
  for (const chunk of chunks) {
    const words = chunk.isDynamicEntry ? /\/i18n\/(zh|en)\.ts$/.exec(chunk.facadeModuleId ?? '') : null;
    if (words) out[`@${words[1]}`] = [...closure([chunk.fileName])].filter((f) => !loaded.has(f)).map((f) => `./${f}`);
    const match = chunk.isDynamicEntry ? /\/features\/([a-z]+)\/([A-Za-z]+)\.svelte$/.exec(chunk.facadeModuleId ?? '') : null;
    if (!match || match[2]!.toLowerCase() !== match[1]) continue;
    const files = [...closure([chunk.fileName])].filter((f) => !loaded.has(f));
    const css = files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
    out[match[1]!] = [...files, ...css].map((f) => `./${f}`);
  }
  return out;
}

/**
 * The inline script: modulepreload (styles: preload) links for the section the address opens and the
 * words of the language the page will show (saved, else as the app detects it: the same function).
 */
export const preloadScript = (files: SectionFiles) =>
  `(function(){var m=${JSON.stringify(files)};var r=location.hash.replace(/^#\\/?/,'').split(/[\\/?]/)[0];` +
  `var w=null;try{w=localStorage.getItem(${JSON.stringify(LOCALE_KEY)})}catch(e){}if(w!=='zh'&&w!=='en')w=(${detectLocale.toString()})(navigator.languages||[]);` +
  `(m[r]||[]).concat(m['@'+w]||[]).forEach(function(f){var l=document.createElement('link');var s=/\\.css$/.test(f);` +
  `l.rel=s?'preload':'modulepreload';if(s)l.as='style';l.crossOrigin='';l.href=f;document.head.appendChild(l);});})();`;

/**
 * A reopened #/customers used to fetch its section only once the app's own code had loaded and run
 * (≈ 0.5 s on a weak machine): now the page asks for it while the entry is still loading.
 */
export function sectionPreload(): Plugin {
  return {
    name: 'keqing-section-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => (ctx.bundle ? [{ tag: 'script', children: preloadScript(sectionFiles(ctx.bundle)), injectTo: 'head' }] : []),
    },
  };
}

/** Only this origin, ever: no CDN, no fonts or analytics from elsewhere. Images may be data:/blob: (chart exports). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The policy for a page: inline scripts run only if they are the page's own (by their hash). */
export function policyFor(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  return hashes.length ? `${CONTENT_SECURITY_POLICY}; script-src 'self' ${hashes.join(' ')}` : CONTENT_SECURITY_POLICY;
}

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'keqing-csp',
    apply: 'build', // dev mode injects styles inline, which this policy would block
    // After every other plugin: the hashes are of the page's final inline scripts.
    transformIndexHtml: {
      order: 'post',
      handler: (html) => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policyFor(html) }, injectTo: 'head-prepend' }],
    },
  };
}
