import { describe, expect, it } from 'vitest';
import { createRpc, serve, transfer, type CallContext, type WorkerLike } from '../../src/workers/rpc';

/** A worker stand-in: the handlers served on one end of a MessageChannel, the client on the other. */
function pair<H extends Parameters<typeof serve>[0]>(handlers: H) {
  const spawned: { crash: (message: string) => void }[] = [];
  const rpc = createRpc<H>(() => {
    const channel = new MessageChannel();
    channel.port2.start();
    serve(handlers, channel.port2 as unknown as Parameters<typeof serve>[1]);
    const events = new EventTarget();
    channel.port1.addEventListener('message', (e) => events.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })));
    channel.port1.start();
    spawned.push({ crash: (message) => events.dispatchEvent(Object.assign(new Event('error'), { message })) });
    const w: WorkerLike = {
      postMessage: (m, t) => channel.port1.postMessage(m, t),
      addEventListener: (type, fn) => events.addEventListener(type, fn),
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
    };
    return w;
  });
  return { rpc, spawned };
}

const handlers = {
  add: ({ a, b }: { a: number; b: number }) => a + b,
  later: async ({ ms }: { ms: number }) => {
    await new Promise((r) => setTimeout(r, ms));
    return ms;
  },
  /** Counts to n with a checkpoint per step; the log shows how far it got. */
  count: async ({ n, tag }: { n: number; tag: string }, ctx: CallContext<number>) => {
    for (let i = 0; i < n; i++) {
      log.push(`${tag}${i}`);
      ctx.progress(i);
      await ctx.checkpoint();
      await new Promise((r) => setTimeout(r, 2));
    }
    return tag;
  },
  fails: () => {
    throw new Error('boom');
  },
  bytes: ({ n }: { n: number }) => {
    const a = new Uint8Array(n).fill(7);
    return transfer(a, [a.buffer]);
  },
};
const log: string[] = [];

describe('worker RPC', () => {
  it('answers typed values as ok results', async () => {
    const { rpc } = pair(handlers);
    const r = await rpc.call('add', { a: 2, b: 3 });
    expect(r).toEqual({ ok: true, value: 5 });
    const b = await rpc.call('bytes', { n: 4 });
    expect(b.ok && [...b.value]).toEqual([7, 7, 7, 7]);
    rpc.terminate();
  });

  it('turns a thrown handler error into worker.crashed, and the worker still answers', async () => {
    const { rpc } = pair(handlers);
    expect(await rpc.call('fails', undefined as never)).toEqual({ ok: false, error: { code: 'worker.crashed', message: 'boom' } });
    expect(await rpc.call('add', { a: 1, b: 1 })).toEqual({ ok: true, value: 2 });
    rpc.terminate();
  });

  it('cancels the older call with the same key, which stops at its next checkpoint', async () => {
    const { rpc } = pair(handlers);
    log.length = 0;
    const first = rpc.call('count', { n: 50, tag: 'a' }, { key: 'view' });
    await new Promise((r) => setTimeout(r, 20));
    const second = rpc.call('count', { n: 3, tag: 'b' }, { key: 'view' });
    expect(await first).toEqual({ ok: false, error: { code: 'worker.cancelled' } });
    expect(await second).toEqual({ ok: true, value: 'b' });
    // The first never reached its end: it stopped at a checkpoint after the cancel arrived.
    expect(log.filter((l) => l.startsWith('a')).length).toBeLessThan(50);
    expect(log).not.toContain('a49');
    rpc.terminate();
  });

  it('cancels on an aborted signal, and a call never sent when the signal is aborted already', async () => {
    const { rpc } = pair(handlers);
    const controller = new AbortController();
    const call = rpc.call('later', { ms: 50 }, { signal: controller.signal });
    controller.abort();
    expect(await call).toEqual({ ok: false, error: { code: 'worker.cancelled' } });
    expect(await rpc.call('add', { a: 1, b: 2 }, { signal: controller.signal })).toEqual({ ok: false, error: { code: 'worker.cancelled' } });
    rpc.terminate();
  });

  it('lets a visible call run while a background one waits at its checkpoints', async () => {
    const { rpc } = pair(handlers);
    log.length = 0;
    const background = rpc.call('count', { n: 30, tag: 'bg' }, { priority: 'background' });
    await new Promise((r) => setTimeout(r, 15));
    const visible = await rpc.call('count', { n: 5, tag: 'v' });
    expect(visible).toEqual({ ok: true, value: 'v' });
    expect(await background).toEqual({ ok: true, value: 'bg' });
    // While the visible call ran (v0 … v4) the background one finished at most the step it was in
    // (it yields at checkpoints only), instead of one step per visible step.
    const v0 = log.indexOf('v0');
    const v4 = log.indexOf('v4');
    expect(log.slice(v0, v4 + 1).filter((l) => l.startsWith('bg')).length).toBeLessThanOrEqual(1);
    expect(log.indexOf('bg29')).toBeGreaterThan(v4);
    rpc.terminate();
  });

  it('reports progress', async () => {
    const { rpc } = pair(handlers);
    const seen: number[] = [];
    await rpc.call('count', { n: 3, tag: 'p' }, { onProgress: (i) => seen.push(i) });
    expect(seen).toEqual([0, 1, 2]);
    rpc.terminate();
  });

  it('answers every pending call worker.crashed when the worker dies, and starts a new worker on the next call', async () => {
    const { rpc, spawned } = pair(handlers);
    const call = rpc.call('later', { ms: 200 });
    await new Promise((r) => setTimeout(r, 5));
    spawned[0]!.crash('out of memory');
    expect(await call).toEqual({ ok: false, error: { code: 'worker.crashed', message: 'out of memory' } });
    expect(await rpc.call('add', { a: 4, b: 4 })).toEqual({ ok: true, value: 8 });
    expect(spawned.length).toBe(2);
    rpc.terminate();
  });

  it('starts the worker ahead of its first call when asked, and that call goes to it', async () => {
    const { rpc, spawned } = pair(handlers);
    expect(spawned.length).toBe(0); // not before it is needed
    rpc.start();
    rpc.start(); // once
    expect(spawned.length).toBe(1);
    expect(await rpc.call('add', { a: 2, b: 3 })).toEqual({ ok: true, value: 5 });
    expect(spawned.length).toBe(1);
    rpc.terminate();
  });

  it('says worker.crashed when the arguments cannot be sent', async () => {
    const { rpc } = pair(handlers);
    const r = await rpc.call('add', { a: 1, b: () => 1 } as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('worker.crashed');
    rpc.terminate();
  });
});
