/** Hash routing (#/customers): works from any static folder or sub-path, with no server rewrite rules. */
export const routes = ['overview', 'customers', 'segments', 'value', 'scorecard', 'time', 'operations', 'settings'] as const;
export type Route = (typeof routes)[number];

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'overview';
}

/** What follows the route: '#/customers/import' → ['import']. */
export function restFromHash(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0]!.split('/').slice(1).filter(Boolean).map(decodeURIComponent);
}

export const hrefFor = (route: Route, ...rest: (string | number)[]) => `#/${[route, ...rest.map((r) => encodeURIComponent(String(r)))].join('/')}`;

let hash = $state(globalThis.location?.hash ?? '');
globalThis.addEventListener?.('hashchange', () => {
  hash = location.hash;
});

export const router = {
  get route(): Route {
    return routeFromHash(hash);
  },
  get rest(): string[] {
    return restFromHash(hash);
  },
};
