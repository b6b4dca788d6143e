/*
 * The index page's rank bands, drawn with ECharts from the page's json_script
 * ([data-hz-rank-bands] names it): one row per unit in reference-rank order, a bar from the
 * 5th to the 95th percentile rank of the Monte Carlo, a diamond at the median rank and a dot
 * at the reference rank. Clicking a row opens the unit's profile. The element gets
 * data-ready="1" once drawn (the browser test waits for it). House style: dashboard.js.
 */
(function () {
  "use strict";

  var BAND = "#9cc0e8";
  var MEDIAN = "#0b3a75";
  var RANK = "#e08a1e";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function bandOption(data) {
    var units = data.units.slice().reverse(); // ECharts draws the first category at the bottom
    var labels = data.labels;
    var names = units.map(function (u) { return u.name; });
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 40, containLabel: true },
      legend: { top: 0, data: [labels.band, labels.median, labels.rank] },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        confine: true,
        formatter: function (params) {
          var u = units[params[0].dataIndex];
          return "<strong>" + escapeHtml(u.name) + "</strong><br>" +
            escapeHtml(labels.rank) + ": " + u.rank + "<br>" +
            escapeHtml(labels.median) + ": " + u.median + "<br>" +
            escapeHtml(labels.band) + ": " + u.lo + "–" + u.hi + "<br>" +
            escapeHtml(labels.score) + ": " + u.score;
        },
      },
      xAxis: {
        type: "value", min: 0.5, max: 13.5, interval: 1, inverse: false,
        name: labels.axis, nameLocation: "middle", nameGap: 26,
        axisLabel: { formatter: function (v) { return Number.isInteger(v) ? v : ""; } },
        splitLine: { lineStyle: { color: "#eef1f5" } },
      },
      yAxis: { type: "category", data: names, axisTick: { show: false } },
      series: [
        { // invisible base: the band starts at lo − 0.4
          type: "bar", stack: "band", silent: true, barWidth: 14,
          itemStyle: { color: "transparent" },
          data: units.map(function (u) { return u.lo - 0.4; }),
        },
        {
          name: labels.band, type: "bar", stack: "band", barWidth: 14,
          itemStyle: { color: BAND, borderRadius: 7 },
          data: units.map(function (u) { return u.hi - u.lo + 0.8; }),
        },
        {
          name: labels.median, type: "scatter", symbol: "diamond", symbolSize: 14,
          itemStyle: { color: MEDIAN }, z: 3,
          data: units.map(function (u, i) { return [u.median, i]; }),
        },
        {
          name: labels.rank, type: "scatter", symbol: "circle", symbolSize: 8,
          itemStyle: { color: RANK, borderColor: "#fff", borderWidth: 1 }, z: 4,
          data: units.map(function (u, i) { return [u.rank, i]; }),
        },
      ],
    };
  }

  function drawBands(element) {
    var data = readJson(element.dataset.hzRankBands);
    var chart = echarts.init(element);
    chart.on("finished", function () { element.dataset.ready = "1"; });
    window.addEventListener("resize", function () { chart.resize(); });
    chart.setOption(bandOption(data));
    var units = data.units.slice().reverse();
    chart.getZr().on("click", function (event) {
      var point = [event.offsetX, event.offsetY];
      if (!chart.containPixel("grid", point)) return;
      var index = Math.round(chart.convertFromPixel({ seriesIndex: 1 }, point)[1]);
      var unit = units[index];
      if (unit && element.dataset.unitUrl) {
        window.location.href = element.dataset.unitUrl.replace("000000", unit.code);
      }
    });
  }

  document.querySelectorAll("[data-hz-rank-bands]").forEach(drawBands);
})();
