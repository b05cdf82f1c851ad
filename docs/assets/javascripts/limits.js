/* Sort and filter the "Limits and quotas" table (issue 4).
 *
 * The table is complete plain HTML without JavaScript. This script shows the
 * filter box (hidden until then), narrows rows to those whose text holds what
 * the reader types (each row carries its searchable text in data-filter: service,
 * name, value with its unit spelled out, adjustable, scope, note, source), and
 * turns each column heading into a sort button. Runs again on every page of
 * Material's instant navigation (document$), and only once per table.
 */
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().replace(/\s+/g, " ").trim();
  }

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    if (cell.hasAttribute("data-sort")) return parseFloat(cell.getAttribute("data-sort"));
    return normalise(cell.textContent);
  }

  function setupFilter(root, table) {
    var box = root.querySelector(".sg-limits__filter");
    if (!box) return;
    var input = box.querySelector("input[type=search]");
    var changedOnly = box.querySelector("#sg-limits-changed");
    var status = box.querySelector(".sg-limits__status");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    box.hidden = false;

    function apply() {
      var query = normalise(input.value);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-filter") || normalise(row.textContent);
        var match = (query === "" || text.indexOf(query) !== -1) && (!changedOnly || !changedOnly.checked || row.hasAttribute("data-changed"));
        row.hidden = !match;
        if (match) shown += 1;
      });
      var changed = changedOnly && changedOnly.checked;
      status.textContent =
        query === "" && !changed
          ? rows.length + " limits"
          : shown + " of " + rows.length + " limits" + (changed ? ", changed by AWS" : "") + (query === "" ? "" : ", match “" + input.value.trim() + "”");
    }

    input.addEventListener("input", apply);
    if (changedOnly) changedOnly.addEventListener("change", apply);
    apply();
  }

  function setupSort(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sg-limits__sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, index);
          var y = cellKey(b, index);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
  }

  function init() {
    var roots = document.querySelectorAll(".sg-limits--all");
    Array.prototype.forEach.call(roots, function (root) {
      if (root.getAttribute("data-sg-ready") === "1") return;
      var table = root.querySelector("table[data-sg-limits-sortable]");
      if (!table || !table.tBodies.length) return;
      root.setAttribute("data-sg-ready", "1");
      setupFilter(root, table);
      setupSort(table);
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
