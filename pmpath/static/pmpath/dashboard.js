// The dashboard's small charts (Chart.js): readiness per skill, the pipeline funnel and
// networking per week. Each card also lists the same figures, which is what shows without
// JavaScript; this only draws them, from the JSON in #dashboard-data.
(function () {
  "use strict";

  var colours = window.pmpathCharts.colours; // charts.js
  var motion = window.pmpathCharts.motion;

  function bars(figure, labels, datasets, options) {
    var c = colours();
    figure.hidden = false;
    new window.Chart(figure.querySelector("canvas"), {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: Object.assign(
        {
          maintainAspectRatio: false,
          animation: motion(),
          plugins: { legend: { display: datasets.length > 1, labels: { color: c.muted, boxWidth: 12 } } },
          scales: {
            x: { ticks: { color: c.muted }, grid: { display: false } },
            y: { beginAtZero: true, ticks: { precision: 0, color: c.muted }, grid: { color: "rgba(0,0,0,.06)" } },
          },
        },
        options || {}
      ),
    });
  }

  var draw = {
    readiness: function (figure, data, c) {
      bars(figure, data.labels, [{ label: "Ready at the target (%)", data: data.values, backgroundColor: c.accent, borderRadius: 3, maxBarThickness: 18 }], {
        indexAxis: "y",
        scales: {
          x: { min: 0, max: 100, ticks: { color: c.muted, callback: function (v) { return v + "%"; } }, grid: { color: "rgba(0,0,0,.06)" } },
          y: { ticks: { color: c.muted }, grid: { display: false } },
        },
      });
    },
    funnel: function (figure, data, c) {
      bars(figure, data.labels, [{ label: "Reached the stage", data: data.reached, backgroundColor: c.accent, borderRadius: 3, maxBarThickness: 18 }], {
        indexAxis: "y",
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, color: c.muted }, grid: { color: "rgba(0,0,0,.06)" } },
          y: { ticks: { color: c.muted }, grid: { display: false } },
        },
      });
    },
    activity: function (figure, data, c) {
      bars(figure, data.labels, [
        { label: "I reached out", data: data.outbound, backgroundColor: c.accent, borderRadius: 2, stack: "s" },
        { label: "They reached out", data: data.inbound, backgroundColor: c.success, borderRadius: 2, stack: "s" },
      ], { scales: { x: { stacked: true, ticks: { color: c.muted }, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0, color: c.muted } } } });
    },
  };

  document.addEventListener("DOMContentLoaded", function () {
    var script = document.getElementById("dashboard-data");
    if (!script || !window.Chart) return;
    var data;
    try {
      data = JSON.parse(script.textContent);
    } catch (e) {
      return; // the lists are still there
    }
    var c = colours();
    document.querySelectorAll("[data-dashboard-chart]").forEach(function (figure) {
      var key = figure.getAttribute("data-dashboard-chart");
      if (data[key] && draw[key]) {
        try {
          draw[key](figure, data[key], c);
        } catch (e) {
          figure.hidden = true;
        }
      }
    });
  });
})();
