/* permgraph report.html: filter and sort the findings table. Reads only the page; loads nothing. */
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var sev = document.getElementById("f-sev");
  var cat = document.getElementById("f-cat");
  var text = document.getElementById("f-text");
  var count = document.getElementById("f-count");
  var expand = document.getElementById("f-expand");

  rows.forEach(function (row, i) { row.dataset.i = String(i); });

  function applyFilters() {
    var s = sev.value, c = cat.value, t = text.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var ok = (!s || row.dataset.severity === s) && (!c || row.dataset.category === c) &&
        (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.classList.toggle("hidden", !ok);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === rows.length ?
      rows.length + (rows.length === 1 ? " finding" : " findings") :
      shown + " of " + rows.length + " findings";
  }

  /* The sort key of a cell: data-v when set (severity rank), else the text of its .k element or of the cell. */
  function key(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    if (cell.dataset.v !== undefined) return Number(cell.dataset.v);
    var k = cell.querySelector(".k");
    return (k || cell).textContent.trim().toLowerCase();
  }

  function sortBy(col, th) {
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var sign = dir === "ascending" ? 1 : -1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", dir);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      if (x < y) return -sign;
      if (x > y) return sign;
      return Number(a.dataset.i) - Number(b.dataset.i);
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (row) { frag.appendChild(row); });
    tbody.appendChild(frag);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var b = th.querySelector("button.sort");
    if (b) b.addEventListener("click", function () { sortBy(col, th); });
  });
  sev.addEventListener("change", applyFilters);
  cat.addEventListener("change", applyFilters);
  text.addEventListener("input", applyFilters);
  if (expand) {
    expand.addEventListener("click", function () {
      var open = expand.dataset.open !== "1";
      tbody.querySelectorAll("details.evidence").forEach(function (d) { d.open = open; });
      expand.dataset.open = open ? "1" : "0";
      expand.textContent = open ? "collapse all evidence" : "expand all evidence";
    });
  }
  applyFilters();
})();
