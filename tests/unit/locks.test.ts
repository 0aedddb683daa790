/** data/locks without Web Locks (Node): one queue per name, as Web Locks give every tab. */
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/data/locks';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('withLock', () => {
  it('runs work under one name one at a time, in the order asked, past a failure', async () => {
    const seen: string[] = [];
    const step = (name: string, fail = false) => async () => {
      seen.push(`${name} in`);
      await tick();
      seen.push(`${name} out`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = withLock('k', step('a'));
    const b = withLock('k', step('b', true));
    const c = withLock('k', step('c'));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(seen).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('runs work under different names side by side', async () => {
    const seen: string[] = [];
    const step = (name: string) => async () => {
      seen.push(`${name} in`);
      await tick();
      seen.push(`${name} out`);
    };
    await Promise.all([withLock('x', step('x')), withLock('y', step('y'))]);
    expect(seen.slice(0, 2).sort()).toEqual(['x in', 'y in']);
  });
});
