// Registers the service worker; on a trip page, asks it to keep the page, the files it loaded
// and its downloads, so the trip opens again with no network (see sw.js).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) {
    return;
  }
  var worker = script.getAttribute("data-worker");
  navigator.serviceWorker.register(worker, { scope: script.getAttribute("data-scope") });
  if (!document.getElementById("trip-record")) {
    return;
  }
  navigator.serviceWorker.addEventListener("message", function (event) {
    var status = document.getElementById("offline-status");
    if (status && event.data && event.data.kept === event.data.asked) {
      status.hidden = false;  // everything the page needs is stored on this device
    }
  });
  navigator.serviceWorker.ready.then(function (registration) {
    var urls = [location.pathname + location.search];
    document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=icon][href]")
      .forEach(function (el) { urls.push(el.getAttribute("src") || el.getAttribute("href")); });
    document.querySelectorAll("ul.exports a[href]")
      .forEach(function (a) { urls.push(a.getAttribute("href")); });
    registration.active.postMessage({ keep: urls });
  });
})();
