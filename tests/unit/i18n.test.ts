import { describe, expect, it } from 'vitest';
import { detectLocale, interpolate } from '../../src/i18n/detect';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';
import { readFileSync, readdirSync } from 'node:fs';

const partsDir = new URL('../../src/i18n/parts/', import.meta.url);
const partFiles = readdirSync(partsDir).filter((f) => f.endsWith('.ts') && f !== 'part.ts');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('use the same placeholders for each key', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
  });

  it('never let one feature part overwrite another key', async () => {
    const coreKeys = [...readFileSync(new URL('../../src/i18n/zh.ts', import.meta.url), 'utf8').matchAll(/^ {2}'([^']+)':/gm)].length;
    let partKeys = 0;
    for (const file of partFiles) {
      const module = (await import(new URL(file, partsDir).href)) as Record<string, { zh: object; en: object }>;
      for (const messages of Object.values(module)) {
        partKeys += Object.keys(messages.zh).length;
        expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
      }
    }
    expect(partFiles.length).toBeGreaterThan(0);
    expect(Object.keys(zh)).toHaveLength(coreKeys + partKeys);
  });

  it('have no empty text', () => {
    for (const dict of [zh, en]) for (const [key, text] of Object.entries(dict)) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });
});

describe('detectLocale', () => {
  it.each([
    [['zh-CN', 'en'], 'zh'],
    [['zh-TW'], 'zh'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-Hans-CN'], 'zh'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('%j → %s', (languages, expected) => expect(detectLocale(languages)).toBe(expected));
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} 至 {b}', { a: 1, b: 'x' })).toBe('1 至 x');
    expect(interpolate('{a} and {missing}', { a: 'A' })).toBe('A and {missing}');
  });
});
