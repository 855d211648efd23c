/* This site's fix to Material's search dialog: it has role="dialog" but no accessible name
   (axe: aria-dialog-name, serious). Done here rather than in a copied theme partial, which
   would replace the theme's own (and Zensical's) on every upgrade. */
(function () {
  function label() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(label);
  else document.addEventListener("DOMContentLoaded", label);
})();
