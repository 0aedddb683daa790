/* Offline cache for the built app. The build (scripts/vite-plugin-offline.ts) puts the list of
 * files and a version stamp in place of the two constants below. Hand-written rather than
 * vite-plugin-pwa: all we need is "precache the build, serve it cache-first", and this is a
 * page of code instead of Workbox's build chain. */
const ASSETS = self.__KEQING_ASSETS__ ?? [];
const VERSION = self.__KEQING_VERSION__ ?? 'dev';
const CACHE = `keqing-${VERSION}`;

/** The cache keyed without `Vary`: a server's "Vary: Origin" must not make a page's module request miss it. */
async function precache(cache, url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const headers = new Headers(response.headers);
  headers.delete('Vary');
  await cache.put(url, new Response(response.body, { status: response.status, statusText: response.statusText, headers }));
}

// The built files and the page come from the cache without starting this worker (static routing,
// Chromium 123+): a reopened page no longer waits for the worker to boot before its first file.
// Browsers without it, and anything else, use the fetch handler below.
function staticRoutes(event) {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return Promise.resolve();
  const scope = new URL('./', self.location.href).pathname;
  const source = { cacheName: CACHE };
  return event
    .addRoutes([
      { condition: { urlPattern: new URLPattern({ pathname: `${scope}assets/*` }), requestMethod: 'GET' }, source },
      { condition: { urlPattern: new URLPattern({ pathname: scope }), requestMode: 'navigate' }, source },
    ])
    .catch((e) => console.warn('static routes unavailable', e));
}

self.addEventListener('install', (event) => {
  const routed = staticRoutes(event);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(['./', ...ASSETS].map((url) => precache(cache, url))))
      .catch((e) => caches.delete(CACHE).then(() => Promise.reject(e)))
      .then(() => routed)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('keqing-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Opened once per worker, not per request: a reopened page asks for some 30 files at once.
let opened;
const openCache = () => (opened ??= caches.open(CACHE));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    openCache().then(async (cache) => {
      // The app is one page: any navigation inside our scope is answered with it. ignoreVary:
      // module scripts are CORS requests, and a server's "Vary: Origin" must not make them miss.
      // The exact URL first: a match that ignores the query scans every cached entry, and a reopened
      // page asks for some 30 files at once.
      const cached =
        request.mode === 'navigate'
          ? await cache.match('./')
          : ((await cache.match(request, { ignoreVary: true })) ?? (await cache.match(request, { ignoreSearch: true, ignoreVary: true })));
      return cached ?? fetch(request);
    }),
  );
});
