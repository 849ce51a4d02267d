// Draws the planned-versus-actual timeline from the JSON in #timeline-data (the table has the same dates).
(function () {
  var dataElement = document.getElementById('timeline-data');
  var canvas = document.getElementById('timeline-chart');
  if (!dataElement || !canvas || typeof Chart === 'undefined') { return; }
  var data = JSON.parse(dataElement.textContent);
  var toDays = function (iso) { return iso ? Date.parse(iso) : null; };
  var bars = function (pairs) {
    return pairs.map(function (pair) {
      return pair[0] && pair[1] ? [toDays(pair[0]), toDays(pair[1])] : null;
    });
  };
  canvas.parentElement.style.height = Math.max(200, data.labels.length * 18) + 'px';
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Planned', data: bars(data.planned), backgroundColor: '#b1b4b6' },
        { label: 'Actual', data: bars(data.actual), backgroundColor: '#1d70b8' }
      ]
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: {
        x: {
          ticks: {
            callback: function (value) {
              return new Date(value).toLocaleDateString('en-GB', { month: 'short', year: 'numeric' });
            }
          }
        }
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (context) {
              var raw = context.raw;
              var fmt = function (v) { return new Date(v).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }); };
              return raw ? context.dataset.label + ': ' + fmt(raw[0]) + ' to ' + fmt(raw[1]) : '';
            }
          }
        }
      }
    }
  });
})();
