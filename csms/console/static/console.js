// Progressive enhancement only: every page works without this file.
// Forms marked data-progress show that a long operation is under way and are not sent twice.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-progress")) return;
  if (form.getAttribute("aria-busy") === "true") { event.preventDefault(); return; }
  form.setAttribute("aria-busy", "true");
  var button = event.submitter || form.querySelector("button[type=submit]");
  if (button) {
    button.setAttribute("aria-busy", "true");
    var busy = form.getAttribute("data-progress");
    if (busy) {
      var status = document.createElement("p");
      status.setAttribute("role", "status");
      status.className = "hint";
      status.textContent = busy;
      form.appendChild(status);
    }
  }
});
// A button marked aria-disabled (it stays reachable, so its reason can be read) does nothing;
// the server refuses the action anyway.
document.addEventListener("submit", function (event) {
  var button = event.submitter || event.target.querySelector("button[type=submit]");
  if (button && button.getAttribute("aria-disabled") === "true") {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
// Forms marked data-confirm ask before doing something that cannot be undone.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
}, true);
// Live plain-words preview of a policy rule while the admin types.
(function () {
  var form = document.getElementById("rule-form");
  if (!form) return;
  var box = document.getElementById("preview");
  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var params = new URLSearchParams(new FormData(form));
      params.delete("csrf");
      fetch(form.getAttribute("data-preview") + "?" + params.toString(), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (text) { box.textContent = text; box.hidden = !text; });
    }, 250);
  });
})();
// Tables become cards on phones (console.css): each cell learns its column's heading.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".table-wrap table").forEach(function (table) {
    var heads = [];
    table.querySelectorAll("thead th").forEach(function (th) { heads.push(th.textContent.trim()); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("colspan") && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
    table.classList.add("cards");
  });
});
// The header's menus: one open at a time, closed by a click elsewhere or Escape.
document.addEventListener("click", function (event) {
  document.querySelectorAll("details.menu[open]").forEach(function (menu) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.menu[open]").forEach(function (menu) {
    menu.removeAttribute("open");
    menu.querySelector("summary").focus();
  });
});
