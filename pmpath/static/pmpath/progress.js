// The interview overview's progress chart (Chart.js): average score per category per week.
// The table under it has the same figures and is what shows without JavaScript.
(function () {
  "use strict";

  var COLOURS = ["#3b5bdb", "#2b8a3e", "#e67700", "#c2255c", "#0c8599", "#7048e8", "#5c940d", "#862e9c"];

  function draw(figure, data) {
    if (!window.Chart || !data || !data.series || !data.series.length) return;
    var style = getComputedStyle(document.documentElement);
    var muted = (style.getPropertyValue("--pico-muted-color") || "#646b79").trim();
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    figure.hidden = false;
    new window.Chart(figure.querySelector("canvas"), {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          var colour = COLOURS[i % COLOURS.length];
          return {
            label: s.label,
            data: s.points,
            borderColor: colour,
            backgroundColor: colour,
            spanGaps: true,
            tension: 0.25,
            pointRadius: 3,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 300 },
        interaction: { mode: "nearest", intersect: false },
        plugins: { legend: { position: "bottom", labels: { color: muted, boxWidth: 12 } } },
        scales: {
          y: { min: 0, max: 100, ticks: { stepSize: 20, color: muted }, grid: { color: "rgba(0,0,0,.06)" } },
          x: { ticks: { color: muted }, grid: { display: false } },
        },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figure = document.querySelector("[data-progress-chart]");
    var script = document.getElementById("progress-data");
    if (!figure || !script) return;
    try {
      draw(figure, JSON.parse(script.textContent));
    } catch (e) {
      figure.hidden = true; // the table is still there
    }
  });
})();
