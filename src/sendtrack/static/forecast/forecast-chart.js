// Draws the forecast page's charts from their JSON; the tables below each chart hold the same figures.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  Chart.defaults.font.family = "arial, sans-serif";
  Chart.defaults.color = "#0b0c0c";
  var read = function (id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  };
  var months = read("forecast-months-data");
  var monthsCanvas = document.getElementById("forecast-months-chart");
  if (months && monthsCanvas) {
    new Chart(monthsCanvas, {
      type: "bar",
      data: {
        labels: months.labels,
        datasets: [
          { label: "Expected", data: months.expected, backgroundColor: "#1d70b8" },
          { label: "Likely low", data: months.low, backgroundColor: "#b1b4b6" },
          { label: "Likely high", data: months.high, backgroundColor: "#0b0c0c" }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: "Breaches" } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  var calibration = read("forecast-calibration-data");
  var calibrationCanvas = document.getElementById("forecast-calibration-chart");
  if (calibration && calibrationCanvas) {
    new Chart(calibrationCanvas, {
      type: "scatter",
      data: {
        datasets: [
          {
            label: "Forecast",
            data: calibration.predicted.map(function (p, i) { return { x: p, y: calibration.observed[i] }; }),
            backgroundColor: "#1d70b8",
            pointRadius: 5
          },
          {
            label: "Perfect calibration",
            data: [{ x: 0, y: 0 }, { x: 100, y: 100 }],
            showLine: true,
            borderColor: "#0b0c0c",
            borderDash: [6, 4],
            pointRadius: 0
          }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { min: 0, max: 100, title: { display: true, text: "Predicted chance late (per cent)" } },
          y: { min: 0, max: 100, title: { display: true, text: "Observed late (per cent)" } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
})();
