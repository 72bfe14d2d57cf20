// Progressive additions to the server-rendered pages; every page works without them.
(function () {
  'use strict';

  // A page of an image still being analysed reloads itself until the analysis is done.
  var reload = document.querySelector('[data-reload]');
  if (reload) {
    var seconds = parseInt(reload.getAttribute('data-reload'), 10) || 5;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }

  // The dashboard's severity chart, drawn from the table beside it (which stays for screen readers).
  function drawSeverityChart() {
    var el = document.getElementById('severity-chart');
    var table = document.getElementById('severity-data');
    if (!el || !table || typeof window.uPlot !== 'function') {
      return;
    }
    var labels = [];
    var counts = [];
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      labels.push(tr.cells[0].textContent);
      counts.push(parseInt(tr.cells[1].textContent, 10) || 0);
    });
    var xs = labels.map(function (_, i) { return i; });
    var width = Math.max(280, Math.min(640, el.clientWidth || 640));
    new window.uPlot({
      width: width,
      height: 220,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: [0, Math.max(1, Math.max.apply(null, counts))] } },
      axes: [
        { splits: function () { return xs; }, values: function () { return labels; } },
        {}
      ],
      series: [
        {},
        { label: 'Findings', fill: '#b3261e', stroke: '#b3261e', paths: window.uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }
      ]
    }, [xs, counts], el);
  }

  drawSeverityChart();
}());
