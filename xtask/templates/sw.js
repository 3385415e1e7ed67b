// Beachhead's service worker: once the hosted app has loaded, it opens with no network.
// Written by `cargo xtask dist` with this build's files and version; do not edit dist/sw.js.
const VERSION = "__VERSION__";
const CACHE = `beachhead-${VERSION}`;
const FILES = __FILES__;
// Those of FILES whose names do not change with their content (the data, the Monte Carlo
// worker's): from the network when there is one, so a page never mixes a new build's files
// with an old one's; from the cache when not.
const FRESH = __FRESH__;
// The folder the app is served from ("/" or "/some/path/"), to name its files as FILES does.
const scopePath = new URL(self.registration.scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

// A new build's files replace the old ones; other sites' caches are not ours to touch.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("beachhead-") && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page itself from the network when there is one (so a new build shows), else the cache;
// so are FRESH files; the build's other files are named by their content, so the cache answers
// them directly.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    const page = new URL(request.url);
    page.hash = "";
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Only this build's own pages are kept, so another page on the host never stands in
          // for the app.
          if (response.ok && FILES.includes(`.${page.pathname.slice(scopePath.length - 1)}`)) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(page.href, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(page.href, { ignoreSearch: true }).then((hit) => hit || caches.match("./")),
        ),
    );
    return;
  }
  const url = new URL(request.url);
  if (FRESH.includes(`.${url.pathname.slice(scopePath.length - 1)}`)) {
    url.search = "";
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(url.href, copy));
          }
          return response;
        })
        .catch(() => caches.match(url.href).then((hit) => hit || Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
});
