// pmpath's page behaviour. Loaded as a file (never inline) so a strict content security policy
// can forbid inline scripts. Every page works without it.
(function () {
  "use strict";
  // Close an open <details class="dropdown"> when clicking elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
})();
