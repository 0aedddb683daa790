import { describe, expect, it } from 'vitest';
import { deleteRuleSet, getRuleSets, saveRuleSet } from '../../src/data/settings';
import { THREE_LEVEL_SEGMENTS } from '../../src/lib/rfm/presets';
import { freshDb } from './helpers';

describe('saved RFM rule sets', () => {
  const set = { ...THREE_LEVEL_SEGMENTS, name: { zh: '我的规则', en: 'My rules' } };

  it('saves, replaces by id and deletes', async () => {
    const db = freshDb();
    expect(await getRuleSets(db)).toEqual([]);
    await saveRuleSet(db, { id: 'a', set });
    await saveRuleSet(db, { id: 'b', set: { ...set, name: { zh: '二', en: 'Two' } } });
    await saveRuleSet(db, { id: 'a', set: { ...set, name: { zh: '一', en: 'One' } } });
    expect((await getRuleSets(db)).map((s) => [s.id, s.set.name?.en])).toEqual([['a', 'One'], ['b', 'Two']]);
    await deleteRuleSet(db, 'a');
    expect((await getRuleSets(db)).map((s) => s.id)).toEqual(['b']);
  });

  it('reads back only sets that pass the file checks (e.g. from an edited backup)', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'rfmRuleSets', value: [{ id: 'ok', set }, { id: 'bad', set: { ...set, levels: 7 } }, { id: 'nameless', set: THREE_LEVEL_SEGMENTS }, 'junk'] });
    expect((await getRuleSets(db)).map((s) => s.id)).toEqual(['ok']);
    await db.settings.put({ key: 'rfmRuleSets', value: 'not a list' });
    expect(await getRuleSets(db)).toEqual([]);
  });
});
