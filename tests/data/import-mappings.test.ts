import { describe, expect, it } from 'vitest';
import { getImportMapping, saveImportMapping } from '../../src/data/import-mappings';
import { freshDb } from './helpers';

describe('remembered import mappings', () => {
  it('keeps one mapping per kind and file layout, replaced by the next confirmed one', async () => {
    const db = freshDb();
    expect(await getImportMapping(db, 'prospects', 'a|b')).toBeNull();
    await saveImportMapping(db, 'prospects', 'a|b', { headerRow: 1, mapping: ['name', null], dateOrder: 'DMY' });
    await saveImportMapping(db, 'products', 'a|b', { headerRow: 0, mapping: ['code', 'name'], dateOrder: null });
    expect(await getImportMapping(db, 'prospects', 'a|b')).toEqual({ headerRow: 1, mapping: ['name', null], dateOrder: 'DMY' });
    expect(await getImportMapping(db, 'products', 'a|b')).toEqual({ headerRow: 0, mapping: ['code', 'name'], dateOrder: null });
    expect(await getImportMapping(db, 'prospects', 'a|c')).toBeNull();
    await saveImportMapping(db, 'prospects', 'a|b', { headerRow: 0, mapping: ['phone', 'name'], dateOrder: null });
    expect(await getImportMapping(db, 'prospects', 'a|b')).toEqual({ headerRow: 0, mapping: ['phone', 'name'], dateOrder: null });
  });

  it('reads the customer and activity mappings under the keys saved before the shared helper', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'importMapping:姓名|手机', value: { headerRow: 0, mapping: ['name', 'phone'], kind: 'customers', matchKey: 'phone', dateOrder: null } });
    await db.settings.put({ key: 'timeuse.importMapping:销售|日期', value: { headerRow: 0, mapping: ['rep', 'date'], dateOrder: null, categoryMap: {} } });
    expect(await getImportMapping(db, 'customers', '姓名|手机')).toMatchObject({ matchKey: 'phone' });
    expect(await getImportMapping(db, 'activity', '销售|日期')).toMatchObject({ mapping: ['rep', 'date'] });
    expect(await getImportMapping(db, 'prospects', '姓名|手机')).toBeNull();
  });
});
