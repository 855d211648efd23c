/* This site's fix to Material's navigation drawer (below 1220 px; Material issue #4101). Its
   menu button and the labels that open or close a level of it are <label>s, which the keyboard
   cannot reach or press. They become buttons for Tab, Enter and Space; focus follows the
   drawer (into it when it opens, onto the entry of the level left, back to the menu button on
   Escape). site.css keeps what the drawer hides out of the Tab order. */
(function () {
  var MENU = 'label.md-header__button[for="__drawer"]';
  var LEVEL = ".md-sidebar--primary label.md-nav__title[for], .md-sidebar--primary label.md-nav__link[for]";
  var SLIDE = 300;  // ms: Material slides the drawer and its levels in .25 s
  var narrow = window.matchMedia("(max-width: 76.234375em)");  // where Material has the drawer

  function drawer() { return document.getElementById("__drawer"); }

  function sync() {
    var box = drawer();
    if (!box) return;
    document.querySelectorAll(MENU).forEach(function (menu) {
      menu.setAttribute("role", "button");
      menu.setAttribute("tabindex", "0");
      menu.setAttribute("aria-label", "Navigation");
      menu.setAttribute("aria-expanded", String(box.checked));
    });
    // Material leaves a section's label out of the Tab order (tabindex=""): on a wide screen it
    // is a heading. In the drawer it opens a level like the others.
    document.querySelectorAll(LEVEL).forEach(function (label) {
      var own = label.getAttribute("data-rs-tabindex");
      if (own === null) label.setAttribute("data-rs-tabindex", own = label.getAttribute("tabindex") || "");
      if (narrow.matches) {
        label.setAttribute("role", "button");
        label.setAttribute("tabindex", "0");
      } else {
        label.removeAttribute("role");
        label.setAttribute("tabindex", own);
      }
    });
  }

  // Whether a reader sees ``el``: Material stacks the levels of its navigation, so an element
  // may be in place and yet under another level's panel.
  function seen(el) {
    var box = el && el.getBoundingClientRect();
    var top = box && box.width && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return Boolean(top && el.contains(top));
  }

  function firstEntry() {
    var links = document.querySelectorAll(".md-sidebar--primary a[href], " + LEVEL);
    for (var i = 0; i < links.length; i++) if (seen(links[i])) return links[i];
    return null;
  }

  // After a level slid away under the focus: the entry that opens it, else the first one seen.
  function refocus(pressed) {
    setTimeout(function () {
      var now = document.activeElement;  // the body, when the level hid the label it was on
      if ((now !== pressed && now !== document.body) || seen(pressed)) return;
      var entry = document.querySelector('.md-sidebar--primary label.md-nav__link[for="' + pressed.htmlFor + '"]');
      var next = seen(entry) ? entry : firstEntry();
      if (next) next.focus();
    }, SLIDE);
  }

  document.addEventListener("keydown", function (event) {
    var box = drawer();
    if (!box) return;
    var label = event.target.closest && event.target.closest(MENU + ", " + LEVEL);
    if (label && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      event.stopPropagation();  // Material clicks a focused label on Enter too: once is enough
      label.click();  // as a tap does: Material sees the change
      refocus(label);
    } else if (event.key === "Escape" && box.checked) {
      var menu = document.querySelector(MENU);
      if (!menu || getComputedStyle(menu).display === "none") return;
      box.click();
      menu.focus();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target === drawer()) sync();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(sync);
  else document.addEventListener("DOMContentLoaded", sync);
})();
