// Draws a KPI's chart from the JSON in #kpi-chart-data. The table below the chart has the same figures.
(function () {
  "use strict";
  var source = document.getElementById("kpi-chart-data");
  var canvas = document.getElementById("kpi-chart");
  if (!source || !canvas || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var share = data.unit === "share";
  var scale = function (value) {
    return value === null ? null : share ? Math.round(value * 1000) / 10 : value;
  };
  var datasets = [{
    label: "Local area",
    data: data.values.map(scale),
    borderColor: "#1d70b8",
    backgroundColor: "#1d70b8",
    pointRadius: 4,
    spanGaps: true
  }];
  if (data.national.some(function (value) { return value !== null; })) {
    datasets.push({
      label: "England",
      data: data.national.map(scale),
      borderColor: "#0b0c0c",
      backgroundColor: "#0b0c0c",
      borderDash: [6, 4],
      pointStyle: "rectRot",
      pointRadius: 5,
      showLine: false
    });
  }
  Chart.defaults.font.family = "arial, sans-serif";
  Chart.defaults.color = "#0b0c0c";
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: {
          beginAtZero: true,
          max: share ? 100 : undefined,
          title: { display: true, text: share ? "Per cent" : data.unit === "weeks" ? "Weeks" : "Number" }
        }
      },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
