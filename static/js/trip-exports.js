// A saved trip's downloads. With a job worker running, a file not rendered yet is answered
// 202 + Location + Retry-After while the worker renders it; a followed link cannot show that,
// so a click asks first (HEAD: the file itself is never fetched twice), says "being prepared"
// while it polls, and offers the download once the file is there. A file that is ready
// downloads at once. Without this script the links download as before (rendered in the request).
(function () {
  "use strict";
  var list = document.querySelector("ul.exports[data-preparing]");
  if (!list || !window.fetch) {
    return;
  }
  var MAX_POLLS = 120;

  function words(name, format) {
    return list.getAttribute("data-" + name).replace("FORMAT", format);
  }

  function statusOf(item) {
    var status = item.querySelector(".export-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "export-status meta";
      status.setAttribute("role", "status");
      item.appendChild(status);
    }
    return status;
  }

  function follow(link) {
    link.setAttribute("data-ready", "1");
    link.click();
  }

  function offer(link, status) {
    link.setAttribute("data-ready", "1");
    status.textContent = " " + words("ready", link.textContent) + " ";
    var again = document.createElement("a");
    again.href = link.href;
    again.setAttribute("download", "");
    again.setAttribute("data-ready", "1");
    again.className = "export-ready";
    again.textContent = list.getAttribute("data-download");
    status.appendChild(again);
  }

  function ask(link, status, polls, first) {
    fetch(link.href, { method: "HEAD", credentials: "same-origin" }).then(function (answer) {
      if (answer.status === 202 && polls < MAX_POLLS) {
        status.textContent = " " + words("preparing", link.textContent);
        var wait = Number(answer.headers.get("Retry-After")) || 1;
        window.setTimeout(function () { ask(link, status, polls + 1, false); }, wait * 1000);
      } else if (answer.status === 202) {
        link.removeAttribute("data-busy");
        status.textContent = " " + words("failed", link.textContent);
      } else if (first) {
        // Ready already, or an error page the browser should show as without this script.
        link.removeAttribute("data-busy");
        status.textContent = "";
        follow(link);
      } else {
        link.removeAttribute("data-busy");
        offer(link, status);
      }
    }).catch(function () {
      link.removeAttribute("data-busy");
      follow(link);
    });
  }

  list.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || !list.contains(link) || link.hasAttribute("data-ready")) {
      return;
    }
    event.preventDefault();
    if (link.hasAttribute("data-busy")) {
      return;
    }
    link.setAttribute("data-busy", "1");
    ask(link, statusOf(link.parentNode), 0, true);
  });
}());
