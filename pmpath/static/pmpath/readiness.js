// The readiness page's charts (Chart.js): a radar of where each skill stands on the ladder
// against the target, and a line of overall readiness per assessment. The tables beside them
// carry the same figures and are what shows without JavaScript; this only draws them.
(function () {
  "use strict";

  var colours = window.pmpathCharts.colours; // charts.js
  var motion = window.pmpathCharts.motion;

  function radar(figure, data, levels, c) {
    figure.hidden = false;
    new window.Chart(figure.querySelector("canvas"), {
      type: "radar",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: "Target: " + data.target_name,
            data: data.target,
            borderColor: c.target,
            backgroundColor: "transparent",
            borderDash: [6, 4],
            pointRadius: 0,
          },
          {
            label: "You",
            data: data.you,
            borderColor: c.accent,
            backgroundColor: c.accent + "33",
            pointBackgroundColor: c.accent,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: motion(),
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                var v = item.raw;
                var met = Math.floor(v + 1e-9);
                var name = met > 0 ? "meets " + levels[met - 1] : "no level met";
                var part = Math.round((v - met) * 100);
                if (part > 0 && met < levels.length) name += ", " + part + "% to " + levels[met];
                return item.dataset.label + ": " + name;
              },
            },
          },
        },
        scales: {
          r: {
            min: 0,
            max: data.max,
            ticks: {
              stepSize: 1,
              color: c.muted,
              backdropColor: "transparent",
              callback: function (value) {
                return value > 0 ? levels[value - 1] : "";
              },
            },
            pointLabels: { color: c.muted, font: { size: 13 } },
          },
        },
      },
    });
  }

  function history(figure, data, c) {
    if (data.labels.length < 2) return; // one point is no line: the table says it
    figure.hidden = false;
    new window.Chart(figure.querySelector("canvas"), {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          {
            label: "Readiness for " + data.target_name + " (%)",
            data: data.overall,
            borderColor: c.accent,
            backgroundColor: c.accent,
            tension: 0.2,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: motion(),
        plugins: { legend: { display: false } },
        scales: {
          y: { min: 0, max: 100, ticks: { color: c.muted, callback: function (v) { return v + "%"; } } },
          x: { ticks: { color: c.muted } },
        },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var script = document.getElementById("readiness-data");
    if (!script || !window.Chart) return;
    var data;
    try {
      data = JSON.parse(script.textContent);
    } catch (e) {
      return; // the tables are still there
    }
    var c = colours();
    var radarFigure = document.querySelector("[data-radar-chart]");
    var historyFigure = document.querySelector("[data-history-chart]");
    try {
      if (radarFigure) radar(radarFigure, data.radar, data.levels, c);
    } catch (e) {
      radarFigure.hidden = true;
    }
    try {
      if (historyFigure) history(historyFigure, data.history, c);
    } catch (e) {
      historyFigure.hidden = true;
    }
  });
})();
