/** data/locks without Web Locks (Node): one queue per name, as Web Locks give every tab. */
import { describe, expect, it } from 'vitest';
import { claimLock, withLock } from '../../src/data/locks';

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

  it('a claim holds the lock from when it is taken until it is let go: work asked meanwhile waits; letting go twice is harmless', async () => {
    const seen: string[] = [];
    const before = withLock('c', async () => {
      await tick();
      seen.push('before');
    });
    const claim = claimLock('c');
    const after = withLock('c', async () => void seen.push('after'));
    await claim.got;
    expect(seen).toEqual(['before']);
    await tick();
    await tick();
    expect(seen).toEqual(['before']);
    claim.release();
    claim.release();
    await Promise.all([before, after]);
    expect(seen).toEqual(['before', 'after']);
    // The name is free again.
    await expect(withLock('c', async () => 'free')).resolves.toBe('free');
  });
});
