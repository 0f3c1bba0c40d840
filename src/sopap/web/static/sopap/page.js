// Behaviour that every page may use, bound here because the Content-Security-Policy allows no inline
// handler: data-print prints the page, data-autosubmit sends its form as soon as the choice changes.
"use strict";
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
