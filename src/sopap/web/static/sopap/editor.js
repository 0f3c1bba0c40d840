/* The step editor: add, insert, delete, reorder by drag and by keyboard; decision targets follow
   their steps. After every change it fires `sop:changed`, which htmx turns into a preview request. */
(function () {
  "use strict";
  var list = document.getElementById("steps");
  var template = document.getElementById("step-template");
  if (!list || !template) return;

  function rows() { return Array.prototype.slice.call(list.querySelectorAll(":scope > li.step")); }

  function renumber() {
    rows().forEach(function (li, i) {
      var n = i + 1;
      li.querySelector(".n").textContent = n;
      var lint = li.querySelector(".step-lint");
      if (lint) lint.id = "lint-step-" + n;
      li.querySelectorAll("[aria-label]").forEach(function (el) {
        el.setAttribute("aria-label", el.getAttribute("aria-label").replace(/\d+$/, n));
      });
    });
  }

  // Run `change` (which reorders rows), then rewrite decision targets so they keep pointing at the same rows.
  function withTargets(change) {
    var before = rows();
    change();
    var after = rows();
    after.forEach(function (li) {
      li.querySelectorAll("input[name=ya], input[name=tidak]").forEach(function (input) {
        var v = input.value.trim();
        if (!/^\d+$/.test(v)) return;
        var target = before[parseInt(v, 10) - 1];
        if (!target) return;
        var now = after.indexOf(target);
        input.value = now >= 0 ? String(now + 1) : "";
      });
    });
    renumber();
    list.dispatchEvent(new CustomEvent("sop:changed", { bubbles: true }));
  }

  function newRow() {
    var li = template.content.firstElementChild.cloneNode(true);
    li.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    return li;
  }

  function move(li, dir) {
    withTargets(function () {
      if (dir < 0 && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
      if (dir > 0 && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var li = button.closest("li.step");
    if (button.dataset.move) {
      move(li, button.dataset.move === "up" ? -1 : 1);
      button.focus();
    } else if (button.hasAttribute("data-insert")) {
      var fresh = newRow();
      withTargets(function () { li.after(fresh); });
      fresh.querySelector("textarea").focus();
    } else if (button.hasAttribute("data-delete")) {
      if (rows().length === 1) return;
      var focusNext = li.nextElementSibling || li.previousElementSibling;
      withTargets(function () { li.remove(); });
      if (focusNext) focusNext.querySelector("textarea").focus();
    }
  });

  document.querySelectorAll("[data-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var fresh = newRow();
      withTargets(function () { list.appendChild(fresh); });
      fresh.querySelector("textarea").focus();
    });
  });

  list.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    var li = event.target.closest("li.step");
    if (!li) return;
    event.preventDefault();
    var focused = document.activeElement;
    move(li, event.key === "ArrowUp" ? -1 : 1);
    if (focused) focused.focus();
  });

  // Drag and drop: rows are dragged by their handle only, so text can still be selected in fields.
  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    if (!event.target.closest || !event.target.closest(".drag")) return;
    dragged = event.target.closest("li.step");
    if (!dragged) return;
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", "step");
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    rows().forEach(function (r) { r.classList.remove("drop-target"); });
    var over = event.target.closest("li.step");
    if (over && over !== dragged) over.classList.add("drop-target");
  });
  list.addEventListener("drop", function (event) {
    if (!dragged) return;
    event.preventDefault();
    var over = event.target.closest("li.step");
    var moving = dragged;
    if (over && over !== moving) {
      withTargets(function () {
        var after = rows().indexOf(over) > rows().indexOf(moving);
        if (after) over.after(moving); else list.insertBefore(moving, over);
      });
    }
  });
  list.addEventListener("dragend", function () {
    rows().forEach(function (r) { r.classList.remove("drop-target", "dragging"); });
    dragged = null;
  });
})();
