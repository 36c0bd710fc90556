// The Jobs overview's funnel chart (Chart.js). The table next to it carries the same figures
// and is what shows without JavaScript; this only draws them.
(function () {
  "use strict";

  function draw(figure, data) {
    if (!window.Chart || !data || !data.labels || !data.labels.length) return;
    var style = getComputedStyle(document.documentElement);
    var accent = (style.getPropertyValue("--pm-accent") || "#3b5bdb").trim();
    var muted = (style.getPropertyValue("--pico-muted-color") || "#646b79").trim();
    figure.hidden = false;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    new window.Chart(figure.querySelector("canvas"), {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: "Applications that reached the stage",
            data: data.reached,
            backgroundColor: accent,
            borderRadius: 3,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 300 },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              afterLabel: function (item) {
                var rate = data.conversion[item.dataIndex];
                var next = data.labels[item.dataIndex + 1];
                return rate === null || next === undefined ? "" : rate + "% went on to " + next;
              },
            },
          },
        },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, color: muted }, grid: { color: "rgba(0,0,0,.06)" } },
          y: { ticks: { color: muted }, grid: { display: false } },
        },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figure = document.querySelector("[data-funnel-chart]");
    var script = document.getElementById("funnel-data");
    if (!figure || !script) return;
    try {
      draw(figure, JSON.parse(script.textContent));
    } catch (e) {
      figure.hidden = true; // the table is still there
    }
  });
})();
