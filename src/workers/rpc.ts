/**
 * One typed RPC for every worker. The worker serves a map of handlers (`serve`); the page's client
 * (`createRpc`) is typed from that map, so a request and its answer are linked by the compiler, not
 * by casts. Every failure comes back as a value: `err({ code: 'worker.crashed' | 'worker.cancelled' })`.
 *
 * Cancellation: a call with the same `key` as a newer one, or whose `signal` aborts, is answered
 * 'worker.cancelled' at once; the worker drops it if it has not started and stops it at its next
 * `checkpoint()` if it has. Priorities: a 'background' call waits at its checkpoints while a
 * 'visible' one runs, so the screen the user looks at is not stuck behind work for another.
 */
import { err, ok, type Result } from '../lib/result';

export type WorkerError = { code: 'worker.crashed'; message: string } | { code: 'worker.cancelled' };
export type Priority = 'visible' | 'background';

export interface CallContext<P = never> {
  /** Aborted when the call is cancelled or superseded. */
  readonly signal: AbortSignal;
  /**
   * Call often inside long loops: throws when the call was cancelled, waits while a more urgent call
   * runs, and now and then yields so cancel messages can arrive.
   */
  checkpoint(): Promise<void>;
  progress(value: P): void;
}

/** A handler's answer with buffers to move (not copy) to the page; the client unwraps it. */
export class Transfer<T> {
  constructor(
    readonly value: T,
    readonly transfer: Transferable[],
  ) {}
}
export const transfer = <T>(value: T, list: Transferable[]) => new Transfer(value, list);

// `never` parameters: any handler's argument type is assignable here (parameters are contravariant).
export type Handlers = Record<string, (args: never, ctx: CallContext<never>) => unknown>;
export type ArgsOf<F> = F extends (args: infer A, ctx: CallContext<never>) => unknown ? A : never;
type Unwrap<X> = X extends Transfer<infer T> ? T : X; // distributes over a union of answers
export type AnswerOf<F> = F extends (...a: never[]) => infer R ? Unwrap<Awaited<R>> : never;
export type ProgressOf<F> = F extends (args: never, ctx: CallContext<infer P>) => unknown ? P : never;

export interface CallOptions<P = unknown> {
  /** A newer call with the same key cancels this one (one per view: 'segments', 'customer-page'…). */
  key?: string;
  priority?: Priority;
  signal?: AbortSignal;
  /** Buffers moved to the worker with the arguments. */
  transfer?: Transferable[];
  onProgress?: (value: P) => void;
}

type ToWorker =
  | { kind: 'call'; id: number; name: string; args: unknown; priority: Priority }
  | { kind: 'cancel'; id: number };
type FromWorker =
  | { kind: 'ok'; id: number; value: unknown }
  | { kind: 'err'; id: number; error: WorkerError }
  | { kind: 'progress'; id: number; value: unknown };

/** What `serve` needs of the worker's global scope (a MessagePort in tests). */
export interface ServeScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

class Cancelled extends Error {}
const RANK: Record<Priority, number> = { visible: 0, background: 1 };
/** Long loops yield about this often (ms) so a cancel or a more urgent call gets in. */
const YIELD_EVERY = 25;

/** A task-queue turn (faster than setTimeout, which clamps to 4 ms when nested); the page uses it to split a long piece of work. */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs in the worker: answers calls with the handlers. */
export function serve<H extends Handlers>(handlers: H, scope: ServeScope = self as unknown as ServeScope): void {
  interface Running {
    controller: AbortController;
    rank: number;
  }
  const running = new Map<number, Running>();
  const post = (message: FromWorker, list: Transferable[] = []) => scope.postMessage(message, list);
  const urgentThan = (rank: number) => [...running.values()].some((r) => r.rank < rank);

  scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
    const data = event.data;
    if (data.kind === 'cancel') {
      running.get(data.id)?.controller.abort();
      return;
    }
    void run(data);
  });

  async function run(call: Extract<ToWorker, { kind: 'call' }>) {
    const handler = handlers[call.name] as unknown as ((args: unknown, ctx: CallContext<unknown>) => unknown) | undefined;
    const controller = new AbortController();
    const rank = RANK[call.priority] ?? 0;
    running.set(call.id, { controller, rank });
    let lastYield = performance.now();
    const ctx: CallContext<unknown> = {
      signal: controller.signal,
      async checkpoint() {
        if (controller.signal.aborted) throw new Cancelled();
        if (performance.now() - lastYield < YIELD_EVERY && !urgentThan(rank)) return;
        do {
          await nextTask();
          if (controller.signal.aborted) throw new Cancelled();
        } while (urgentThan(rank));
        lastYield = performance.now();
      },
      progress: (value) => post({ kind: 'progress', id: call.id, value }),
    };
    try {
      // Let a cancel already on its way arrive before starting (a superseded call never starts).
      await nextTask();
      if (controller.signal.aborted) throw new Cancelled();
      while (urgentThan(rank)) await ctx.checkpoint();
      if (!handler) throw new Error(`no handler "${call.name}"`);
      const answer = await handler(call.args, ctx);
      if (answer instanceof Transfer) post({ kind: 'ok', id: call.id, value: answer.value }, answer.transfer);
      else post({ kind: 'ok', id: call.id, value: answer });
    } catch (e) {
      if (e instanceof Cancelled || controller.signal.aborted) post({ kind: 'err', id: call.id, error: { code: 'worker.cancelled' } });
      else post({ kind: 'err', id: call.id, error: { code: 'worker.crashed', message: e instanceof Error ? e.message : String(e) } });
    } finally {
      running.delete(call.id);
    }
  }
}

/** What `createRpc` needs of a Worker (a MessagePort wrapper in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface Rpc<H extends Handlers> {
  call<K extends keyof H & string>(name: K, args: ArgsOf<H[K]>, options?: CallOptions<ProgressOf<H[K]>>): Promise<Result<AnswerOf<H[K]>, WorkerError>>;
  /** Starts the worker ahead of its first call (its script loads and runs meanwhile). */
  start(): void;
  /** Ends the worker; pending calls are answered 'worker.cancelled'; the next call starts a new one. */
  terminate(): void;
}

export interface RpcOptions {
  /**
   * For workers whose handlers cannot stop midway (one model fit): cancelling a running call ends the
   * worker, and the next call starts a fresh one.
   */
  terminateOnCancel?: boolean;
}

/** The page's client: `spawn` starts the worker (again after a crash). */
export function createRpc<H extends Handlers>(spawn: () => WorkerLike, options: RpcOptions = {}): Rpc<H> {
  interface Pending {
    settle: (r: Result<unknown, WorkerError>) => void;
    onProgress?: (value: never) => void;
    key?: string;
  }
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const byKey = new Map<string, number>();

  const forget = (id: number) => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    if (p.key !== undefined && byKey.get(p.key) === id) byKey.delete(p.key);
    return p;
  };

  const failAll = (error: WorkerError) => {
    for (const id of [...pending.keys()]) forget(id)?.settle(err(error));
  };

  const stop = () => {
    worker?.terminate();
    worker = null;
  };

  const start = (): WorkerLike => {
    if (worker) return worker;
    const w = spawn();
    w.addEventListener('message', (event) => {
      const data = (event as MessageEvent<FromWorker>).data;
      if (data.kind === 'progress') return void (pending.get(data.id)?.onProgress as ((v: unknown) => void) | undefined)?.(data.value);
      const p = forget(data.id);
      if (!p) return; // cancelled on the page already
      p.settle(data.kind === 'ok' ? ok(data.value) : err(data.error));
    });
    const crashed = (event: Event) => {
      const message = (event as ErrorEvent).message || `worker failed (${event.type})`;
      if (worker === w) stop();
      failAll({ code: 'worker.crashed', message });
    };
    w.addEventListener('error', crashed);
    w.addEventListener('messageerror', crashed);
    return (worker = w);
  };

  const cancel = (id: number) => {
    const p = forget(id);
    if (!p) return;
    p.settle(err({ code: 'worker.cancelled' }));
    if (options.terminateOnCancel) {
      stop();
      failAll({ code: 'worker.cancelled' });
    } else {
      worker?.postMessage({ kind: 'cancel', id } satisfies ToWorker, []);
    }
  };

  return {
    call(name, args, callOptions = {}) {
      const { key, priority = 'visible', signal, transfer: list = [], onProgress } = callOptions;
      const id = nextId++;
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve(err({ code: 'worker.cancelled' }));
        if (key !== undefined) {
          const older = byKey.get(key);
          if (older !== undefined) cancel(older);
          byKey.set(key, id);
        }
        const onAbort = () => cancel(id);
        pending.set(id, {
          key,
          onProgress: onProgress as ((value: never) => void) | undefined,
          settle: (r) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(r as Result<never, WorkerError>);
          },
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          start().postMessage({ kind: 'call', id, name, args, priority } satisfies ToWorker, list);
        } catch (e) {
          // Arguments that cannot be cloned (a rune proxy, a function) are the caller's bug: say so as a value.
          forget(id)?.settle(err({ code: 'worker.crashed', message: e instanceof Error ? e.message : String(e) }));
        }
      });
    },
    start() {
      start();
    },
    terminate() {
      stop();
      failAll({ code: 'worker.cancelled' });
    },
  };
}

