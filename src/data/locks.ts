/**
 * One lock per name across every tab and worker of the app (Web Locks), for work that one context
 * does while the others wait and then read what it kept (counting the lines, a board's figures).
 * Where Web Locks are missing (Node tests) the same queue is kept within the one context.
 */
const local = new Map<string, Promise<unknown>>();

export function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return locks.request(name, fn) as Promise<T>;
  const before = local.get(name) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.then(
    () => {},
    () => {},
  );
  local.set(name, settled);
  void settled.then(() => {
    if (local.get(name) === settled) local.delete(name);
  });
  return run;
}

/** A lock asked for now and held until `release` (idempotent); `got` settles once it is held. */
export interface Claim {
  got: Promise<void>;
  release(): void;
}

/**
 * Claims `name` ahead of work that comes later and in pieces (an import's lines, counted while the
 * page writes them): a context that asks for the lock meanwhile waits for the claim's work to be
 * done and kept, instead of starting the same count itself.
 */
export function claimLock(name: string): Claim {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const got = new Promise<void>((resolve) => (held = resolve));
  void withLock(name, async () => {
    held();
    await done;
  }).catch(() => held());
  return { got, release };
}
