import { describe, expect, it } from 'vitest';
import { lazily, packClasses, packScores, unpackClasses, unpackScores } from '../../src/lib/rfm/packed';

describe('packed worker results', () => {
  const scored = [
    { id: 7, r: 5, f: 4, m: 3, score: 543, segment: 'champions', recencyDays: 3, frequency: 6, monetary: 1234.56 },
    { id: 2, r: 1, f: 1, m: 1, score: 111, segment: 'lost', recencyDays: 400, frequency: 1, monetary: -20.5 },
    { id: 9, r: 5, f: 5, m: 5, score: 555, segment: 'champions', recencyDays: 0, frequency: 12, monetary: 0 },
  ];
  it('round-trip RFM scores exactly, in order, segments shared', () => {
    const packed = packScores(scored);
    expect(packed.segments).toEqual(['champions', 'lost']);
    expect(unpackScores(packed)).toEqual(scored);
    expect(unpackScores(packScores([]))).toEqual([]);
  });
  it('round-trip ABC classes', () => {
    const classOf = { 3: 'A', 10: 'C', 4: 'B' } as const;
    expect(unpackClasses(packClasses(classOf))).toEqual(classOf);
  });
  it('build a lazy value once, on first read', () => {
    let built = 0;
    const o = lazily({ n: 0, list: [] as number[] }, 'list', () => (built++, [1, 2]));
    expect(built).toBe(0);
    expect(o.list).toEqual([1, 2]);
    expect(o.list).toBe(o.list);
    expect(built).toBe(1);
  });
});
