// Cockpit charts (ECharts). The page already shows every figure as text and tables; this draws the charts from
// the same figures as JSON (/cockpit/data), and leaves the page as it is when the script or the data is missing.
(function () {
  'use strict';
  var main = document.querySelector('[data-cockpit]');
  if (!main || typeof echarts === 'undefined' || !window.fetch) {
    return;
  }
  var brand = '#1f5f8b';
  function draw(name, option) {
    var el = main.querySelector('[data-chart="' + name + '"]');
    if (!el) {
      return null;
    }
    el.hidden = false;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }
  function bars(labels, values, name, color) {
    return {
      grid: { left: 48, right: 12, top: 24, bottom: 48, containLabel: false },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: name, type: 'bar', barMaxWidth: 48, data: values, itemStyle: { color: color || brand } }]
    };
  }
  fetch(main.getAttribute('data-cockpit'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (v) {
      if (v.months && v.months.length) {
        var o = bars(v.months.map(function (m) { return m.month; }), v.months.map(function (m) { return m.points; }), '积分');
        o.series.push({ name: '得分户', type: 'line', data: v.months.map(function (m) { return m.households; }), itemStyle: { color: '#c77700' } });
        draw('months', o);
      }
      if (v.distribution && v.distribution.some(function (b) { return b.households > 0; })) {
        draw('distribution', bars(v.distribution.map(function (b) { return b.label; }),
          v.distribution.map(function (b) { return b.households; }), '户', '#5b8fb9'));
      }
      if (v.areas && v.areas.length > 1) {
        var chart = draw('areas', bars(v.areas.map(function (a) { return a.name.replace(/(村委会|居民委员会|社区居委会)$/, ''); }),
          v.areas.map(function (a) { return a.pointsPerHousehold || 0; }), '户均积分'));
        if (chart) {
          // drill down: a bar leads to that area's cockpit
          chart.on('click', function (p) {
            var a = v.areas[p.dataIndex];
            if (a) {
              window.location.href = '/cockpit?division=' + encodeURIComponent(a.code) + '&year=' + v.year;
            }
          });
        }
      }
    })
    .catch(function () { /* the tables stay */ });
})();
