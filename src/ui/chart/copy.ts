/**
 * A deep copy of a chart configuration's plain objects and arrays. Chart.js writes into what it
 * is given (it hooks the data arrays' push/splice, caches resolved options); a copy keeps the
 * caller's values and any $state proxies out of its reach, and reading every property inside an
 * effect makes the effect depend on all of them. Functions (callbacks) and class instances are
 * kept as they are: $state.snapshot would warn about functions.
 */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => plainCopy(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plainCopy(item);
    return out as T;
  }
  return value;
}
