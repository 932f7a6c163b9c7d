// Draws the plan charts (and the annual report's) from the JSON the page carries (#plan-chart-data).
// Each chart has a data table beside it; the canvases are a visual aid. Redrawn after htmx replaces
// the dashboard. A chart whose canvas or data the page lacks is left out.
(function () {
  "use strict";
  var charts = [];
  var BLUE = "#256ef4";
  var GREEN = "#228738";
  var GRAY = "#8a949e";

  function make(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      charts.push(new window.Chart(canvas, config));
    }
  }

  function money(set, labels) {
    return {
      type: "bar",
      data: {
        labels: set.labels,
        datasets: [
          { label: labels.planned, data: set.planned, backgroundColor: BLUE },
          { label: labels.executed, data: set.executed, backgroundColor: GREEN }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: labels.eok } } },
        plugins: { legend: { position: "bottom" } }
      }
    };
  }

  function draw() {
    charts.splice(0).forEach(function (chart) { chart.destroy(); });
    var source = document.getElementById("plan-chart-data");
    if (!source || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    window.Chart.defaults.font.family = "'Pretendard GOV', sans-serif";
    if (data.byStrategy) {
      make("chart-breakdown", money(data.byStrategy, data.labels));
    }
    if (data.byYear) {
      make("chart-years", money(data.byYear, data.labels));
    }
    if (data.attendance) {
      make("chart-attendance", {
        type: "bar",
        data: {
          labels: data.attendance.labels,
          datasets: [{ label: data.labels.attendance, data: data.attendance.rates, backgroundColor: BLUE }]
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { beginAtZero: true, max: 100 } },
          plugins: { legend: { display: false } }
        }
      });
    }
    if (!data.distribution) {
      return;
    }
    make("chart-progress", {
      type: "bar",
      data: {
        labels: data.distribution.labels,
        datasets: [{ label: data.labels.projects, data: data.distribution.counts, backgroundColor: GRAY }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
