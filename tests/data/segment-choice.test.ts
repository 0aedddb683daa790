import { describe, expect, it } from 'vitest';
import { getSegmentChoice, saveSegmentChoice } from '../../src/data/settings';
import { freshDb } from './helpers';

describe('the segment rules a store chose', () => {
  it('is none for a new store, then what was saved', async () => {
    const db = freshDb();
    expect(await getSegmentChoice(db)).toBeNull();
    await saveSegmentChoice(db, { preset: 'rfm030', method: 'rfm030' });
    expect(await getSegmentChoice(db)).toEqual({ preset: 'rfm030', method: 'rfm030' });
    await saveSegmentChoice(db, { preset: 'saved:abc', method: 'manual' });
    expect(await getSegmentChoice(db)).toEqual({ preset: 'saved:abc', method: 'manual' });
  });

  it('reads a damaged value (an edited backup) as no choice', async () => {
    const db = freshDb();
    for (const value of ['eightGroups', { preset: 'eightGroups', method: 'median' }, { method: 'mean' }, null]) {
      await db.settings.put({ key: 'segmentChoice', value });
      expect(await getSegmentChoice(db)).toBeNull();
    }
  });
});
