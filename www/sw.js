// The site's service worker: keeps every file the pages use, so that a reload works offline.
// scripts/site.sh fills in FILES (every file of the site but the single file and embed/) and
// VERSION (a hash of their contents): a new build is a new cache, and the old one is dropped.
// Network first, the cache when the network fails (or takes more than 4 s): online, the page is
// always the served one; offline, it is the one last seen, whole. Only the site's own files are
// answered from here; any other request goes to the network as if there were no worker.
const FILES = /* FILES */ [];
const VERSION = /* VERSION */ 'dev';
const CACHE = `renkei-${VERSION}`;

self.addEventListener('install', (ev) => {
  ev.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (ev) => {
  ev.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('renkei-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** The site file a request is for ('' → index.html), or null when it is not one of them. */
function fileOf(request) {
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const rel = url.pathname.slice(scope.pathname.length) || 'index.html';
  return FILES.includes(rel) ? rel : null;
}

function fromNetwork(request, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    fetch(request).then((r) => {
      clearTimeout(timer);
      if (r.ok) resolve(r);
      else reject(new Error(`HTTP ${r.status}`));
    }, (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

self.addEventListener('fetch', (ev) => {
  const file = fileOf(ev.request);
  if (!file) return;
  ev.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fromNetwork(ev.request, 4000);
      if (!ev.request.url.includes('?')) cache.put(file, res.clone()).catch(() => {});
      return res;
    } catch (e) {
      const hit = await cache.match(file);
      if (hit) return hit;
      throw e;
    }
  })());
});
