// The tables of a page are found the first time its page view is opened, in a worker, which takes a moment: the
// capture page comes back without them and fetches them here, as the browser fetches the page's picture.
(function () {
  "use strict";
  var holder = document.getElementById("page-tables");
  if (!holder || !holder.getAttribute("data-src")) { return; }
  fetch(holder.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (answer) {
      if (!answer.ok) { throw new Error("HTTP " + answer.status); }
      return answer.text();
    })
    .then(function (markup) { holder.innerHTML = markup; })
    .catch(function () { /* the link stays: it opens the tables on a page of their own */ });
})();
