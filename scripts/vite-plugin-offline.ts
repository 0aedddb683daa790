/**
 * Build-only plugins: write dist/sw.js with the list of built files (so the app opens offline
 * after one visit), and add a Content-Security-Policy that allows only this origin.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

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

/** Only this origin, ever: no CDN, no fonts or analytics from elsewhere. Images may be data:/blob: (chart exports). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'keqing-csp',
    apply: 'build', // dev mode injects styles inline, which this policy would block
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
