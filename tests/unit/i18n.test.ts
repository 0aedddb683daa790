import { describe, expect, it } from 'vitest';
import { detectLocale, interpolate } from '../../src/i18n/detect';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('use the same placeholders for each key', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
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
