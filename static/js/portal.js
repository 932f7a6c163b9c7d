// Page behaviour every page shares. Filters fold behind one button on phones; on wider screens
// they start open, as there is room for them.
(function () {
  "use strict";
  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details.portal-filter-fold").forEach(function (details) {
      details.open = true;
    });
  }
})();
