// The editor's save bar stays at the bottom of the window, right where the lint text of the step being
// typed in appears. After each preview, and when a field of a step gets the focus, scroll just enough for
// that step's lint text to stand above the bar, never so far that the field being typed in leaves the top.
"use strict";
(() => {
  const bar = document.querySelector(".savebar");
  if (!bar) return;
  const GAP = 8;

  function reveal() {
    const field = document.activeElement;
    const step = field && field.closest ? field.closest("#steps > li.step") : null;
    if (!step) return;
    const lint = step.querySelector(".step-lint");
    if (!lint || !lint.textContent.trim()) return;
    const covered = lint.getBoundingClientRect().bottom + GAP - bar.getBoundingClientRect().top;
    if (covered <= 0) return;
    const room = field.getBoundingClientRect().top - GAP;
    const by = Math.min(covered, Math.max(room, 0));
    if (by > 0) window.scrollBy(0, by);
  }

  document.addEventListener("htmx:afterSettle", reveal);
  document.addEventListener("focusin", reveal);
})();
