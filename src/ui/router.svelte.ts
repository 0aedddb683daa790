/** Hash routing (#/customers): works from any static folder or sub-path, with no server rewrite rules. */
export const routes = ['overview', 'customers', 'segments', 'scorecard', 'time', 'operations', 'settings'] as const;
export type Route = (typeof routes)[number];

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'overview';
}

export const hrefFor = (route: Route) => `#/${route}`;

let current = $state<Route>(routeFromHash(globalThis.location?.hash ?? ''));
globalThis.addEventListener?.('hashchange', () => {
  current = routeFromHash(location.hash);
});

export const router = {
  get route(): Route {
    return current;
  },
};
