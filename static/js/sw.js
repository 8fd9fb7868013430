// TourRoute's service worker: trips a visitor opened stay readable with no network.
//
// Kept simple on purpose. Pages and API calls always go to the network first, so the server's
// own Cache-Control and ETag decide freshness; only when the network fails is a stored copy
// used. What is stored: trip pages the visitor opened (with their inline map data), the files
// those pages load, and the trip's downloads, which the page asks for once it has loaded.
// Responses marked no-store (pages of signed-in people) are never stored.
"use strict";

var CACHE = "tourroute-trips-v1";

function storable(response) {
  return response && response.ok && response.type === "basic" &&
    !/no-store/.test(response.headers.get("Cache-Control") || "");
}

function keep(request, response) {
  if (!storable(response)) {
    return Promise.resolve();
  }
  return caches.open(CACHE).then(function (cache) { return cache.put(request, response); });
}

function isAsset(url) {
  return /\/(static|assets)\//.test(url.pathname);
}

function isTripPage(url) {
  return /\/trips\/[0-9a-f]{32}$/.test(url.pathname);
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

// A trip page, once loaded, sends the addresses it depends on: itself, its files, downloads.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return fetch(url, { credentials: "same-origin" }).then(function (response) {
        return storable(response) ? cache.put(url, response).then(function () { return 1; }) : 0;
      }).catch(function () { return 0; });  // offline already: keep what is stored
    }));
  }).then(function (kept) {
    var count = kept.reduce(function (a, b) { return a + b; }, 0);
    if (event.source) { event.source.postMessage({ kept: count, asked: urls.length }); }
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;  // tiles and forms go straight to the network
  }
  event.respondWith(fetch(request).then(function (response) {
    if (isTripPage(url) || isAsset(url)) {
      var copy = response.clone();
      event.waitUntil(keep(request, copy));
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreVary: true }).then(function (stored) {
      return stored || Response.error();
    });
  }));
});
