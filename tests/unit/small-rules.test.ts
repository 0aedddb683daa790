import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMoney, formatPercent, formatYuan } from '../../src/lib/format';
import { STORE_NAME_MAX, validateStoreProfile } from '../../src/lib/store-profile';
import { routeFromHash } from '../../src/ui/router.svelte';

describe('store profile', () => {
  it('trims the name and keeps the type', () => {
    expect(validateStoreProfile({ name: '  客情服装店 ', type: 'apparel', currency: 'CNY' })).toEqual({ ok: true, value: { name: '客情服装店', type: 'apparel', currency: 'CNY' } });
  });
  it('refuses an over-long name and an unknown type', () => {
    expect(validateStoreProfile({ name: 'x'.repeat(STORE_NAME_MAX + 1), type: 'car', currency: 'CNY' })).toEqual({ ok: false, error: { code: 'profile.nameTooLong', field: 'name' } });
    expect(validateStoreProfile({ name: 'a', type: 'boat' as never, currency: 'CNY' })).toEqual({ ok: false, error: { code: 'profile.badType', field: 'type' } });
  });
});

describe('formatting', () => {
  it('shows money from fen, with fen only when there are some', () => {
    expect(formatMoney(123_456_700, 'en')).toBe('CN¥1,234,567');
    expect(formatMoney(123_450, 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(-5_000, 'zh-CN')).toBe('-¥50');
  });
  it('shows shares as percentages and yuan like fen', () => {
    expect(formatPercent(0.0856, 'en')).toBe('8.6%');
    expect(formatPercent(1, 'zh-CN')).toBe('100%');
    expect(formatYuan(1_300.5, 'zh-CN')).toBe('¥1,300.50'); // = formatMoney(130_050)
    expect(formatYuan(0.295, 'zh-CN')).toBe('¥0.30');
  });
  it('groups counts and sizes', () => {
    expect(formatCount(25_659, 'zh-CN')).toBe('25,659');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1_887_436, 'en')).toBe('1.8 MB');
  });
});

describe('routes', () => {
  it.each([
    ['', 'overview'],
    ['#/settings', 'settings'],
    ['#settings', 'settings'],
    ['#/customers/42', 'customers'],
    ['#/nowhere', 'overview'],
  ])('%j → %s', (hash, route) => expect(routeFromHash(hash)).toBe(route));
});
