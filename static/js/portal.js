// Page behaviour every page shares. Filters fold behind one button on phones; on wider screens
// they start open, as there is room for them. A linked section is scrolled to below the sticky header.
(function () {
  "use strict";
  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details.portal-filter-fold").forEach(function (details) {
      details.open = true;
    });
  }

  // The sticky header's height, for the CSS that keeps a linked section out from under it. Set
  // before the browser scrolls to the page's #section, and again whenever the header wraps.
  var header = document.getElementById("krds-header");
  if (header) {
    var measure = function () {
      document.documentElement.style.setProperty("--portal-header-height", header.offsetHeight + "px");
    };
    measure();
    if (window.ResizeObserver) {
      new ResizeObserver(measure).observe(header);
    }
  }
})();
