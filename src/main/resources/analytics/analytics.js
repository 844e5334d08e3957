'use strict';
// The committee's page: figures from /analytics/cards and /analytics/cards/daily, charts drawn as plain SVG.
// Every text from the server is set as text (textContent), never parsed as HTML.

const SVG = 'http://www.w3.org/2000/svg';
const SERIES = ['issued', 'accepted', 'overridden'];
const DAY_MS = 24 * 3600 * 1000;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) node.textContent = text;
  return node;
}

function percent(part, whole) {
  return whole ? Math.round((100 * part) / whole) + '%' : '–';
}

function query() {
  const params = new URLSearchParams();
  [['from', $('from').value], ['to', $('to').value], ['service', $('service').value]]
    .forEach(([k, v]) => { if (v) params.set(k, v); });
  return params.toString();
}

async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const issue = body && body.issue && body.issue[0];
    throw new Error('HTTP ' + response.status + ': ' + (issue ? issue.diagnostics || issue.code : 'no details'));
  }
  return body;
}

// Every day from the first to the last, so a day without cards shows as 0 rather than vanishing.
function dailySeries(days) {
  if (!days.length) return [];
  const byDay = new Map(days.map((d) => [d.day, d]));
  const first = Date.parse(days[0].day + 'T00:00:00Z');
  const last = Date.parse(days[days.length - 1].day + 'T00:00:00Z');
  const out = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) || { day, issued: 0, accepted: 0, overridden: 0 });
  }
  return out;
}

function timeChart(days) {
  const series = dailySeries(days);
  const width = 600, height = 220, left = 40, right = 10, top = 10, bottom = 30;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-time-chart': '',
    'aria-label': 'Cards issued, accepted and overridden per day' });
  const max = Math.max(1, ...series.map((d) => d.issued));
  const x = (i) => left + (series.length === 1 ? (width - left - right) / 2
    : (i * (width - left - right)) / (series.length - 1));
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  [0, Math.ceil(max / 2), max].forEach((v) => {
    chart.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(v), y2: y(v) }));
    chart.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v));
  });
  chart.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }));
  chart.append(svg('text', { x: left, y: height - 8 }, series[0].day));
  if (series.length > 1) {
    chart.append(svg('text', { x: width - right, y: height - 8, 'text-anchor': 'end' }, series[series.length - 1].day));
  }
  SERIES.forEach((name) => {
    chart.append(svg('polyline', { class: name, points: series.map((d, i) => x(i) + ',' + y(d[name])).join(' ') }));
    series.forEach((d, i) => {
      const dot = svg('circle', { class: name, cx: x(i), cy: y(d[name]), r: series.length > 60 ? 1.5 : 3 });
      dot.append(svg('title', {}, d.day + ': ' + d[name] + ' ' + name));
      chart.append(dot);
    });
  });
  return chart;
}

function reasonChart(card) {
  const reasons = card.overrideReasons.slice(0, 8);
  if (!reasons.length) {
    return el('p', { class: 'none' }, card.overridden ? 'Overridden without a reason.' : 'No overrides.');
  }
  const row = 26, width = 420, labelWidth = 230;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${reasons.length * row + 4}`, role: 'img',
    'aria-label': 'Override reasons, most frequent first', 'data-reason-chart': '' });
  const max = Math.max(...reasons.map((r) => r.count));
  reasons.forEach((r, i) => {
    const y = i * row + 4;
    const label = svg('text', { class: 'reason-label', x: 0, y: y + 15 }, r.display || r.code);
    label.append(svg('title', {}, r.system + '|' + r.code));
    const bar = svg('rect', { class: 'reason', x: labelWidth, y, height: row - 8,
      width: Math.max(2, ((width - labelWidth - 40) * r.count) / max), 'data-reason-code': r.code,
      'data-count': r.count });
    chart.append(label, bar, svg('text', { x: labelWidth + ((width - labelWidth - 40) * r.count) / max + 6,
      y: y + 14 }, r.count));
  });
  return chart;
}

function summaryRow(card) {
  const top = card.overrideReasons[0];
  return el('tr', { 'data-card': card.service + '/' + card.card },
    el('td', {}, card.service), el('td', {}, el('code', {}, card.card)),
    el('td', { class: 'n', 'data-issued': card.issued }, card.issued),
    el('td', { class: 'n', 'data-accepted': card.accepted }, card.accepted, ' ',
      el('span', { class: 'rate' }, percent(card.accepted, card.issued))),
    el('td', { class: 'n', 'data-overridden': card.overridden }, card.overridden, ' ',
      el('span', { class: 'rate' }, percent(card.overridden, card.issued))),
    el('td', {}, top ? (top.display || top.code) + ' (' + top.count + ')' : '–'));
}

function cardPanel(card, days) {
  return el('article', { class: 'card', 'data-card-panel': card.service + '/' + card.card },
    el('h3', {}, card.card, el('code', {}, card.service)),
    el('p', { class: 'facts' }, card.issued + ' issued · ' + card.accepted + ' accepted ('
      + percent(card.accepted, card.issued) + ') · ' + card.overridden + ' overridden ('
      + percent(card.overridden, card.issued) + ')'),
    el('div', { class: 'panels' },
      el('div', {}, el('h4', {}, 'Per day'), timeChart(days),
        el('p', { class: 'legend' }, SERIES.map((s) => el('span', { class: s }, s)))),
      el('div', {}, el('h4', {}, 'Top override reasons'), reasonChart(card))));
}

function fillServices(cards) {
  const select = $('service');
  const chosen = select.value;
  const known = new Set([...select.options].map((o) => o.value));
  cards.map((c) => c.service).filter((s) => !known.has(s)).forEach((s) => {
    known.add(s);
    select.append(el('option', { value: s }, s));
  });
  select.value = chosen;
}

async function show() {
  const main = $('main');
  main.setAttribute('data-state', 'loading');
  $('page-error').hidden = true;
  const qs = query();
  history.replaceState(null, '', qs ? '?' + qs : location.pathname);
  try {
    const [report, daily] = await Promise.all([get('/analytics/cards?' + qs), get('/analytics/cards/daily?' + qs)]);
    fillServices(report.cards);
    $('summary-rows').replaceChildren(...report.cards.map(summaryRow));
    $('empty').hidden = report.cards.length > 0;
    $('cards').replaceChildren(...report.cards.map((card) => cardPanel(card,
      daily.days.filter((d) => d.service === card.service && d.card === card.card))));
    main.setAttribute('data-state', 'ready');
  } catch (e) {
    $('page-error').textContent = 'The figures could not be loaded: ' + e.message;
    $('page-error').hidden = false;
    main.setAttribute('data-state', 'error');
  }
}

function start() {
  const params = new URLSearchParams(location.search);
  $('from').value = params.get('from') || '';
  $('to').value = params.get('to') || '';
  if (params.get('service')) {
    $('service').append(el('option', { value: params.get('service') }, params.get('service')));
    $('service').value = params.get('service');
  }
  $('show').addEventListener('click', show);
  show();
}

start();
