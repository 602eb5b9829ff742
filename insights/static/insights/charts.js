// Management information (U6): draws one bar chart per table from the data the page carries in
// <script type="application/json" id="chart-data"> (json_script), under the CSP (no inline
// script). The table beside each chart is its text alternative; a count below 5 has no value
// here ("<5" in its label), as in the table.
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var charts = JSON.parse(source.textContent);
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    charts.forEach(function (chart) {
      var canvas = document.getElementById("chart-" + chart.key);
      if (!canvas) {
        return;
      }
      var instance = new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [
            {
              label: chart.label,
              data: chart.values,
              backgroundColor: "#154273",
              borderColor: "#154273",
              borderWidth: 1
            }
          ]
        },
        options: {
          indexAxis: "y",
          animation: reduceMotion ? false : { duration: 300 },
          maintainAspectRatio: false,
          plugins: {
            legend: { display: false },
            title: { display: false },
            tooltip: {
              callbacks: {
                label: function (context) {
                  return chart.label + ": " + chart.texts[context.dataIndex];
                }
              }
            }
          },
          scales: {
            x: { beginAtZero: true, ticks: { precision: 0 } }
          }
        }
      });
      canvas.dataset.drawn = instance ? "true" : "false";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
