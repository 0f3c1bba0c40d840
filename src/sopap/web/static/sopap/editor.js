/* The step editor: add, insert, delete (with undo), reorder by drag and by keyboard; decision targets
   follow their steps. After every change it fires `sop:changed`, which htmx turns into a preview request. */
(function () {
  "use strict";
  var list = document.getElementById("steps");
  var template = document.getElementById("step-template");
  var undoTemplate = document.getElementById("undo-template");
  if (!list || !template) return;
  var undo = null;  // the last deleted step, until it is restored or another change makes undo unsafe

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

  function clearUndo() {
    if (undo && undo.notice) undo.notice.remove();
    undo = null;
  }

  // Delete at once (one click, as before) but keep the row: the notice's "Urungkan" puts it back where it
  // was, with the decisions that pointed at it, until the next change of the list's order.
  function remove(li) {
    clearUndo();
    var index = rows().indexOf(li);
    var ownTargets = [];
    li.querySelectorAll("input[name=ya], input[name=tidak]").forEach(function (input) {
      var v = input.value.trim();
      ownTargets.push({ input: input, row: /^\d+$/.test(v) ? rows()[parseInt(v, 10) - 1] || null : null });
    });
    var pointing = [];
    list.querySelectorAll("input[name=ya], input[name=tidak]").forEach(function (input) {
      if (input.value.trim() === String(index + 1) && !li.contains(input)) pointing.push(input);
    });
    var focusNext = li.nextElementSibling || li.previousElementSibling;
    withTargets(function () { li.remove(); });
    undo = { li: li, index: index, ownTargets: ownTargets, pointing: pointing, notice: null };
    if (undoTemplate) {
      var notice = undoTemplate.content.firstElementChild.cloneNode(true);
      var text = notice.querySelector("[data-undo-text]");
      text.textContent = text.textContent.replace("{n}", String(index + 1));
      list.parentNode.insertBefore(notice, list);
      undo.notice = notice;
    }
    if (focusNext) focusNext.querySelector("textarea").focus();
  }

  function restore() {
    if (!undo) return;
    var u = undo;
    undo = null;
    withTargets(function () {
      var at = rows()[u.index];
      if (at) list.insertBefore(u.li, at); else list.appendChild(u.li);
    });
    var number = String(rows().indexOf(u.li) + 1);
    u.pointing.forEach(function (input) {
      if (input.isConnected && input.value.trim() === "") input.value = number;
    });
    u.ownTargets.forEach(function (t) {
      if (t.row && t.row.isConnected) t.input.value = String(rows().indexOf(t.row) + 1);
    });
    if (u.notice) u.notice.remove();
    list.dispatchEvent(new CustomEvent("sop:changed", { bubbles: true }));
    u.li.querySelector("textarea").focus();
  }

  if (list.parentNode) {
    list.parentNode.addEventListener("click", function (event) {
      if (event.target.closest("[data-undo]")) restore();
      else if (event.target.closest("[data-undo-close]")) clearUndo();
    });
  }

  function move(li, dir) {
    clearUndo();
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
      clearUndo();
      var fresh = newRow();
      withTargets(function () { li.after(fresh); });
      fresh.querySelector("textarea").focus();
    } else if (button.hasAttribute("data-delete")) {
      if (rows().length === 1) return;
      remove(li);
    }
  });

  document.querySelectorAll("[data-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      clearUndo();
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
      clearUndo();
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

  // Typing can begin before the page has finished loading (a slow connection, a busy machine): htmx listens
  // only from DOMContentLoaded, so what was typed before would get no preview and no autosave. Its listener
  // was added before this one, so the form is wired by the time this runs.
  function changedBeforeReady() {
    var form = list.closest("form");
    if (!form) return false;
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT" && !field.multiple) {
        // With no option marked selected, the first one is the default.
        var initial = Array.prototype.findIndex.call(field.options, function (o) { return o.defaultSelected; });
        return field.options.length > 0 && field.selectedIndex !== Math.max(initial, 0);
      }
      return "defaultValue" in field && field.type !== "hidden" && field.value !== field.defaultValue;
    });
  }
  function whenReady() {
    if (changedBeforeReady()) list.dispatchEvent(new CustomEvent("sop:changed", { bubbles: true }));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenReady);
  else whenReady();
})();
