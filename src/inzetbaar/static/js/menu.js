// Collapses the main menu behind a button on narrow screens; without JavaScript the menu simply stays open.
(function () {
  document.documentElement.classList.add("inz-js");
  var toggle = document.querySelector(".inz-menu-toggle");
  var menu = document.getElementById("hoofdmenu");
  if (!toggle || !menu) return;
  toggle.hidden = false;
  menu.dataset.open = "false";
  toggle.addEventListener("click", function () {
    var open = menu.dataset.open !== "true";
    menu.dataset.open = String(open);
    toggle.setAttribute("aria-expanded", String(open));
  });
})();
