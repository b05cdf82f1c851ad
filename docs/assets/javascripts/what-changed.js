/* "What changed since the cheat sheet" (issue 12): order the table by service or by date.
 *
 * The table is grouped by service in plain HTML; each row carries its place in that order
 * (data-service) and its month (data-date, YYYY-MM; corrections of facts that were never
 * true sort last). This script shows the two order buttons and reorders the rows. Runs on
 * every page of Material's instant navigation (document$), once per table.
 */
(function () {
  "use strict";

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".sg-changes"), function (root) {
      if (root.getAttribute("data-sg-ready") === "1") return;
      var body = root.querySelector("tbody");
      var bar = root.querySelector(".sg-changes__order");
      if (!body || !bar) return;
      root.setAttribute("data-sg-ready", "1");
      var buttons = bar.querySelectorAll("button[data-sg-order]");
      bar.hidden = false;

      function order(by) {
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var byService = Number(a.getAttribute("data-service")) - Number(b.getAttribute("data-service"));
          if (by !== "date") return byService;
          var x = a.getAttribute("data-date");
          var y = b.getAttribute("data-date");
          return x === y ? byService : x < y ? 1 : -1; // newest first
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
        Array.prototype.forEach.call(buttons, function (button) {
          button.setAttribute("aria-pressed", String(button.getAttribute("data-sg-order") === by));
        });
      }

      Array.prototype.forEach.call(buttons, function (button) {
        button.addEventListener("click", function () {
          order(button.getAttribute("data-sg-order"));
        });
      });
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
