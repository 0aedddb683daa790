/**
 * Issue 18: the Chinese UI has no English or developer words. Latin words of four letters or more
 * are allowed only from a short list (names users know from their tools) and as file extensions
 * (.xlsx, .json.gz), which users see in their file names.
 */
import { describe, expect, it } from 'vitest';
import { zh } from '../../src/i18n/zh';

// The head office's own tools and file formats (issue 19) keep their names, as in any Chinese data team.
const allowed = new Set(['Excel', 'JSON', 'Parquet', 'DuckDB', 'Spark']);
/** The language switch names English in English, as every language menu does. */
const ownName = new Set(['lang.en']);

describe('Chinese UI words', () => {
  it('has no Latin word of four letters or more outside the allowlist and file extensions', () => {
    const found = Object.entries(zh)
      .filter(([key]) => !ownName.has(key))
      .flatMap(([key, text]) =>
        [...text.replace(/\{\w+\}/g, '').matchAll(/(\.?)([A-Za-z]{4,})/g)]
          .filter((m) => m[1] !== '.' && !allowed.has(m[2]!))
          .map((m) => `${key}: ${m[2]}`),
      );
    expect(found).toEqual([]);
  });

  it('calls the app 客情, never Keqing', () => {
    expect(Object.entries(zh).filter(([, text]) => text.includes('Keqing')).map(([key]) => key)).toEqual([]);
  });

  it('catches a Latin word (the check itself can fail)', () => {
    const words = [...'用时 12 毫秒（worker）'.matchAll(/(\.?)([A-Za-z]{4,})/g)].map((m) => m[2]);
    expect(words).toEqual(['worker']);
  });
});
