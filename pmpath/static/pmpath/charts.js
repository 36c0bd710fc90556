// Shared by the chart scripts (dashboard.js, readiness.js): the theme's colours, read from its
// CSS custom properties, and whether to animate (not when the person asked for less motion).
(function () {
  "use strict";

  function colours() {
    var style = getComputedStyle(document.documentElement);
    function read(name, fallback) {
      return (style.getPropertyValue(name) || fallback).trim();
    }
    return {
      accent: read("--pm-accent", "#3b5bdb"),
      success: read("--pm-success", "#2b8a3e"),
      target: read("--pm-warning", "#e67700"),
      muted: read("--pico-muted-color", "#646b79"),
    };
  }

  function motion() {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return reduce ? false : { duration: 300 };
  }

  window.pmpathCharts = { colours: colours, motion: motion };
})();
