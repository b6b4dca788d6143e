/*
 * The monitoring pages' charts, drawn with ECharts from data the page carries (json_script):
 *
 * - [data-hz-choropleth]: the 13 county units coloured by a measure picked in a <select>;
 *   clicking a unit opens its page. The GeoJSON and the `adcode` matching are the plan map's
 *   (plan-map.js); the colouring is a continuous visualMap instead of the plan's roles.
 * - [data-hz-trajectory]: a KPI's published actuals (solid, diamonds), warehouse actuals
 *   (dashed, circles; labelled synthetic when they are), the plan target (star) and the path.
 * - [data-hz-heatmap]: a square matrix (structural similarity between units).
 *
 * Each chart element gets data-ready="1" once drawn, which the browser tests wait for.
 */
(function () {
  "use strict";

  var PALETTE = ["#e8f0fa", "#9cc0e8", "#4f8fd6", "#1d5fae", "#0b3a75"];
  var NO_DATA = "#eceff3";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function formatNumber(value, unit) {
    if (value === null || value === undefined) return "—";
    var digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
    return value.toLocaleString(undefined, { maximumFractionDigits: digits }) + (unit ? " " + unit : "");
  }

  function markReady(chart, element) {
    // Listen before setOption: ECharts may draw synchronously and fire "finished" at once.
    chart.on("finished", function () { element.dataset.ready = "1"; });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  // ---- choropleth ------------------------------------------------------------------------------

  function choroplethOption(values, names, measure, noDataLabel) {
    var data = Object.keys(names).map(function (code) {
      var row = values[code] || {};
      var value = row[measure.key];
      return {
        name: code,
        value: value === null || value === undefined ? NaN : value,
        label: { formatter: names[code] },
      };
    });
    var finite = data.map(function (d) { return d.value; }).filter(function (v) { return isFinite(v); });
    var min = finite.length ? Math.min.apply(null, finite) : 0;
    var max = finite.length ? Math.max.apply(null, finite) : 1;
    if (min === max) max = min + 1;
    return {
      tooltip: {
        trigger: "item",
        confine: true,
        formatter: function (p) {
          var shown = isFinite(p.value) ? formatNumber(p.value, measure.unit) : noDataLabel;
          return "<strong>" + escapeHtml(names[p.name] || p.name) + "</strong><br>" +
            escapeHtml(measure.label) + ": " + escapeHtml(shown);
        },
      },
      visualMap: {
        type: "continuous",
        min: min,
        max: max,
        calculable: false,
        inRange: { color: PALETTE },
        outOfRange: { color: NO_DATA },
        text: [formatNumber(max, measure.unit), formatNumber(min, measure.unit)],
        left: 8,
        bottom: 8,
        itemHeight: 110,
        textStyle: { fontSize: 11, color: "#5b6775" },
      },
      series: [{
        id: "districts",
        type: "map",
        map: "hangzhou",
        nameProperty: "adcode",
        roam: false,
        layoutCenter: ["55%", "50%"],
        layoutSize: "95%",
        selectedMode: false,
        labelLayout: { hideOverlap: true },
        label: {
          show: true,
          fontSize: 11,
          color: "#1f2933",
          textBorderColor: "rgba(255, 255, 255, 0.85)",
          textBorderWidth: 2,
          formatter: function (p) { return names[p.name] || p.name; },
        },
        itemStyle: { borderColor: "#ffffff", borderWidth: 1, areaColor: NO_DATA },
        emphasis: { label: { fontWeight: 700 }, itemStyle: { areaColor: "#f4d03f" } },
        data: data,
      }],
    };
  }

  function drawChoropleth(element, geojson) {
    var values = readJson(element.dataset.values);
    var names = readJson(element.dataset.names);
    var measures = readJson(element.dataset.measures);
    var picker = document.getElementById(element.dataset.picker);
    var labels = element.dataset.labels ? readJson(element.dataset.labels) : {};
    var noData = labels.noData || "—";
    if (!echarts.getMap("hangzhou")) echarts.registerMap("hangzhou", geojson);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    markReady(chart, element);

    function measureByKey(key) {
      return measures.filter(function (m) { return m.key === key; })[0] || measures[0];
    }
    function show(key) {
      var measure = measureByKey(key);
      element.dataset.measure = measure.key;
      chart.setOption(choroplethOption(values, names, measure, noData), { replaceMerge: ["series", "visualMap"] });
    }
    show(picker ? picker.value : measures[0].key);
    if (picker) picker.addEventListener("change", function () { show(picker.value); });
    chart.on("click", function (params) {
      if (params.name && names[params.name]) {
        window.location.href = element.dataset.urlTemplate.replace("000000", params.name);
      }
    });
  }

  function initChoropleth(element) {
    fetch(element.dataset.geojsonUrl)
      .then(function (response) { return response.json(); })
      .then(function (geojson) { drawChoropleth(element, geojson); })
      .catch(function (error) { element.textContent = element.dataset.errorText || String(error); });
  }

  // ---- trajectories ----------------------------------------------------------------------------

  function pairs(points) {
    return points.map(function (p) { return [p.year, p.value]; });
  }

  function drawTrajectory(element) {
    var data = readJson(element.dataset.hzTrajectory);
    var labels = readJson(element.dataset.labels);
    var years = [];
    ["published", "warehouse", "target", "path"].forEach(function (kind) {
      data[kind].forEach(function (p) { years.push(p.year); });
    });
    var first = Math.min.apply(null, years), last = Math.max.apply(null, years);
    var synthetic = data.warehouse.some(function (p) { return p.synthetic; });
    var warehouseName = labels.warehouse + (synthetic ? " (" + labels.synthetic + ")" : "");
    var chart = echarts.init(element, null, { renderer: "canvas" });
    markReady(chart, element);
    chart.setOption({
      title: { text: data.label + " (" + data.unit + ")", textStyle: { fontSize: 14, color: "#0b3a75" } },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return formatNumber(v, data.unit); } },
      legend: { bottom: 0, textStyle: { fontSize: 11 } },
      grid: { left: 60, right: 24, top: 40, bottom: 72 },
      // A value axis keeps the years evenly spaced even where a year has no figure.
      // One empty year either side keeps the first and last points off the chart's edges.
      xAxis: { type: "value", min: first - 1, max: last + 1, interval: 1,
        axisLabel: { formatter: function (v) { return v < first || v > last ? "" : String(v); } },
        splitLine: { show: false } },
      yAxis: { type: "value", min: 0 },
      series: [
        { name: labels.published, type: "line", data: pairs(data.published), symbol: "diamond",
          symbolSize: 11, lineStyle: { width: 2.5, color: "#0b3a75" }, itemStyle: { color: "#0b3a75" } },
        { name: warehouseName, type: "line", data: pairs(data.warehouse), symbol: "circle",
          symbolSize: 7, lineStyle: { type: "dashed", color: "#e08a1e" }, itemStyle: { color: "#e08a1e" } },
      ].concat(data.path.length ? [
        { name: labels.path, type: "line", data: pairs(data.path), symbol: "none",
          lineStyle: { type: "dotted", width: 2, color: "#5b6775" }, itemStyle: { color: "#5b6775" } },
      ] : []).concat([
        { name: labels.target, type: "scatter", data: pairs(data.target), symbol: "path://M12 2l3 7h7l-5.5 4.5 2 7.5-6.5-4.5-6.5 4.5 2-7.5L2 9h7z",
          symbolSize: 18, itemStyle: { color: "#c0392b" } },
      ]),
    });
  }

  // ---- heat map --------------------------------------------------------------------------------

  function drawHeatmap(element) {
    var data = readJson(element.dataset.hzHeatmap);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    markReady(chart, element);
    var cells = [];
    data.values.forEach(function (row, i) {
      row.forEach(function (value, j) { cells.push([j, i, value === null ? "-" : value]); });
    });
    chart.setOption({
      tooltip: {
        position: "top",
        formatter: function (p) {
          return escapeHtml(data.labels[p.value[1]]) + " × " + escapeHtml(data.labels[p.value[0]]) +
            ": " + formatNumber(p.value[2], "");
        },
      },
      grid: { left: 90, right: 20, top: 10, bottom: 90 },
      xAxis: { type: "category", data: data.labels, axisLabel: { rotate: 45, fontSize: 11 }, splitArea: { show: true } },
      yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { fontSize: 11 }, splitArea: { show: true } },
      visualMap: { min: data.min, max: data.max, calculable: true, orient: "horizontal", left: "center",
        bottom: 0, inRange: { color: ["#f7fbff", "#9cc0e8", "#1d5fae", "#c0392b"] }, itemHeight: 160 },
      series: [{ type: "heatmap", data: cells, label: { show: data.labels.length <= 13, fontSize: 10,
        formatter: function (p) { return p.value[2] === "-" ? "" : Number(p.value[2]).toFixed(2); } } }],
    });
  }

  document.querySelectorAll("[data-hz-choropleth]").forEach(initChoropleth);
  document.querySelectorAll("[data-hz-trajectory]").forEach(drawTrajectory);
  document.querySelectorAll("[data-hz-heatmap]").forEach(drawHeatmap);
})();
