/*
 * The plan map: Hangzhou's 13 county-level units from the shipped GeoJSON, coloured by their
 * role in 一核九星 (core or not), outlined by corridor, with key industries in the tooltip.
 *
 * Markup: <div data-hz-map data-geojson-url="…" data-units="<json_script id>"
 *              data-labels="<json_script id>" data-highlight="<code or empty>">
 * The unit list comes from the page (json_script), so names follow the page's language.
 * Tests reach the chart with echarts.getInstanceByDom(element); data-ready="1" marks it drawn.
 */
(function () {
  "use strict";

  var COLOURS = {
    core: "#c0392b",
    other: "#7fa7d6",
    faded: "#dfe5ec",
    border: "#ffffff",
    corridor: { west: "#e08a1e", east: "#138a72" },
  };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // One data item per unit; the GeoJSON features are matched on their `adcode` property.
  function dataItem(unit, highlight) {
    var faded = highlight && unit.code !== highlight;
    var corridor = unit.corridors.length ? unit.corridors[0].style : null;
    var area = faded ? COLOURS.faded : unit.core ? COLOURS.core : COLOURS.other;
    return {
      name: unit.code,
      value: unit.core ? 1 : 0,
      unit: unit,
      itemStyle: {
        areaColor: area,
        borderColor: corridor ? COLOURS.corridor[corridor] : COLOURS.border,
        borderWidth: corridor ? 2.5 : 1,
      },
      // With a highlighted unit only its own name is drawn: the city-centre districts are too
      // small for thirteen labels on a side-panel map.
      label: {
        show: !highlight || unit.code === highlight,
        color: faded ? "#5b6775" : "#ffffff",
        fontWeight: unit.code === highlight ? 700 : 400,
        fontSize: unit.code === highlight ? 14 : 12,
      },
    };
  }

  function tooltip(labels) {
    return function (params) {
      var unit = params.data && params.data.unit;
      if (!unit) return "";
      var lines = ["<strong>" + escapeHtml(unit.name) + "</strong>"];
      lines.push(escapeHtml(unit.core ? labels.core : labels.other));
      unit.corridors.forEach(function (c) { lines.push(escapeHtml(c.name)); });
      if (unit.industries.length) {
        lines.push(escapeHtml(labels.industries) + ": " + unit.industries.map(escapeHtml).join("、"));
      }
      return '<div style="max-width:22rem;white-space:normal">' + lines.join("<br>") + "</div>";
    };
  }

  function draw(element, geojson) {
    var units = readJson(element.dataset.units);
    var labels = readJson(element.dataset.labels);
    var highlight = element.dataset.highlight || "";
    var names = {};
    units.forEach(function (u) { names[u.code] = u.name; });

    echarts.registerMap("hangzhou", geojson);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    // Listen before setOption: ECharts draws synchronously and fires "finished" at once.
    chart.on("finished", function () { element.dataset.ready = "1"; });
    chart.setOption({
      // Canvas text does not inherit CSS: give it the page's CJK font stack explicitly.
      textStyle: { fontFamily: window.getComputedStyle(element).fontFamily },
      tooltip: { trigger: "item", formatter: tooltip(labels), confine: true },
      series: [
        {
          id: "units",
          type: "map",
          map: "hangzhou",
          nameProperty: "adcode",
          roam: false,
          layoutCenter: ["50%", "50%"],
          layoutSize: "98%",
          selectedMode: false,
          // Labels that would overlap (the small city-centre districts) are dropped; the
          // tooltip and the unit list still name them.
          labelLayout: { hideOverlap: true },
          label: {
            show: true,
            fontSize: 12,
            textBorderColor: "rgba(11, 58, 117, 0.55)",
            textBorderWidth: 2,
            formatter: function (p) { return names[p.name] || p.name; },
          },
          emphasis: {
            label: { color: "#0b3a75", fontWeight: 700 },
            itemStyle: { areaColor: "#f4d03f" },
          },
          data: units.map(function (u) { return dataItem(u, highlight); }),
        },
      ],
    });
    chart.on("click", function (params) {
      if (params.data && params.data.unit && params.data.unit.url) {
        window.location.href = params.data.unit.url;
      }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init(element) {
    fetch(element.dataset.geojsonUrl)
      .then(function (response) { return response.json(); })
      .then(function (geojson) { draw(element, geojson); })
      .catch(function (error) {
        element.textContent = element.dataset.errorText || String(error);
      });
  }

  document.querySelectorAll("[data-hz-map]").forEach(init);
})();
