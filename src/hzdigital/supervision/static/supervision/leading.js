/*
 * The leading-group dashboard's project charts, drawn with ECharts from data the page carries
 * (json_script), in the house style of hzdigital/dashboard.js:
 *
 * - [data-sv-stages]: projects per stage (bars, left axis) and their total and completed
 *   investment in 亿元 (lines, right axis).
 * - [data-sv-balance]: one chart per factor (their units differ): approved and pending amounts
 *   per district, stacked, against the district's quota (a marker; none when no quota is set).
 *
 * The tables under the charts carry the same figures for readers without the chart. Each chart
 * element gets data-ready="1" once drawn, which the browser tests wait for.
 */
(function () {
  "use strict";

  var BLUE = "#1d5fae";
  var LIGHT_BLUE = "#9cc0e8";
  var AMBER = "#e8a317";
  var RED = "#d23b2f";
  var GREY = "#5b6775";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function markReady(chart, element) {
    // Listen before setOption: ECharts may draw synchronously and fire "finished" at once.
    chart.on("finished", function () { element.dataset.ready = "1"; });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function formatNumber(value) {
    if (value === null || value === undefined) return "—";
    return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }

  function stageOption(data, labels) {
    return {
      color: [BLUE, AMBER, "#1a9e55"],
      tooltip: { trigger: "axis", confine: true, valueFormatter: formatNumber },
      legend: { top: 0, textStyle: { color: GREY } },
      grid: { left: 48, right: 64, top: 40, bottom: 32 },
      xAxis: { type: "category", data: data.stages, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: "value", name: labels.projects, minInterval: 1, nameTextStyle: { color: GREY } },
        { type: "value", name: labels.investment, nameTextStyle: { color: GREY }, splitLine: { show: false } },
      ],
      series: [
        { name: labels.projects, type: "bar", barMaxWidth: 36, data: data.projects },
        { name: labels.investment, type: "line", yAxisIndex: 1, symbol: "circle", data: data.investment_yi_yuan },
        { name: labels.completed, type: "line", yAxisIndex: 1, symbol: "diamond", lineStyle: { type: "dashed" }, data: data.completed_yi_yuan },
      ],
    };
  }

  function balanceOption(chart, labels) {
    return {
      title: { text: chart.label + " (" + chart.unit + ")", left: 0, textStyle: { fontSize: 13, color: "#1f2933" } },
      color: [BLUE, LIGHT_BLUE, RED],
      tooltip: {
        trigger: "axis",
        confine: true,
        valueFormatter: function (v) { return v === null || v === undefined ? labels.no_quota : formatNumber(v) + " " + chart.unit; },
      },
      legend: { bottom: 0, textStyle: { color: GREY } },
      grid: { left: 56, right: 16, top: 40, bottom: 64 },
      xAxis: { type: "category", data: chart.districts, axisLabel: { interval: 0, rotate: chart.districts.length > 5 ? 30 : 0 } },
      yAxis: { type: "value" },
      series: [
        { name: labels.approved, type: "bar", stack: "used", barMaxWidth: 32, data: chart.approved },
        { name: labels.pending, type: "bar", stack: "used", barMaxWidth: 32, data: chart.pending },
        {
          name: labels.quota,
          type: "scatter",
          symbol: "rect",
          symbolSize: [36, 4],
          data: chart.quota,
          z: 5,
        },
      ],
    };
  }

  function init() {
    if (typeof echarts === "undefined") return;
    var labels = readJson("chart-labels");
    document.querySelectorAll("[data-sv-stages]").forEach(function (element) {
      var chart = echarts.init(element, null, { renderer: "canvas" });
      markReady(chart, element);
      chart.setOption(stageOption(readJson(element.dataset.svStages), labels));
    });
    document.querySelectorAll("[data-sv-balance]").forEach(function (element) {
      var charts = readJson(element.dataset.svBalance);
      var chart = echarts.init(element, null, { renderer: "canvas" });
      markReady(chart, element);
      chart.setOption(balanceOption(charts[Number(element.dataset.index)], labels));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
