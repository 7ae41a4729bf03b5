'use strict';
// The entity page: one actor or place across the reports (GET /api/entity).

function pct(x) { return (x * 100).toFixed(0) + '%'; }

// row makes a table row; the cells of nowrap (indexes) stay on one line.
function row(nowrap, ...cells) {
  const tr = el('tr');
  cells.forEach((c, i) => tr.append(el('td', nowrap.includes(i) ? {class: 'nowrap'} : {}, c)));
  return tr;
}

// renderChart draws each likelihood judgment as a dot at its band's middle
// and a line over its band, by publication date, in SVG attributes only.
function renderChart(judgments) {
  const box = document.getElementById('chart');
  box.replaceChildren();
  const pts = judgments.filter(j => j.kind === 'likelihood' && j.low !== undefined && j.high !== undefined && j.published);
  if (!pts.length) { box.append(el('p', {class: 'empty'}, 'No dated likelihood judgment names it.')); return; }
  const t = s => Date.parse(s + 'T00:00:00Z');
  let t0 = Math.min(...pts.map(j => t(j.published))), t1 = Math.max(...pts.map(j => t(j.published)));
  if (t1 === t0) { t0 -= 15 * 864e5; t1 += 15 * 864e5; }
  const W = 640, H = 220, L = 40, B = 24, ns = 'http://www.w3.org/2000/svg';
  const x = v => L + (t(v) - t0) / (t1 - t0) * (W - L - 10), y = p => 10 + (1 - p) * (H - B - 10);
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('class', 'probability');
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    add('line', {x1: L, x2: W - 10, y1: y(p), y2: y(p), class: 'grid'});
    add('text', {x: 2, y: y(p) + 4, class: 'tick'}, pct(p));
  }
  add('text', {x: L, y: H - 6, class: 'tick'}, new Date(t0).toISOString().slice(0, 10));
  add('text', {x: W - 90, y: H - 6, class: 'tick'}, new Date(t1).toISOString().slice(0, 10));
  for (const j of pts) {
    const cx = x(j.published), mid = (j.low + j.high) / 2;
    add('line', {x1: cx, x2: cx, y1: y(j.high), y2: y(j.low), class: 'band'});
    const c = add('circle', {cx, cy: y(mid), r: 4, class: 'judgment' + (j.negated ? ' negated' : '')});
    const title = document.createElementNS(ns, 'title');
    title.textContent = j.published + ' · ' + j.phrase + ' (' + pct(j.low) + '–' + pct(j.high) + ') · ' + j.report;
    c.append(title);
  }
  box.append(svg);
}

document.addEventListener('DOMContentLoaded', async () => {
  const q = new URLSearchParams(location.search).get('q') || '';
  let p;
  try {
    p = await getJSON('/api/entity?q=' + encodeURIComponent(q));
  } catch (e) {
    document.getElementById('name').textContent = 'Error: ' + e.message;
    return;
  }
  const name = p.name || q;
  document.title = name + ' · sitrep';
  document.getElementById('name').textContent = name;
  const meta = document.getElementById('meta');
  meta.append([p.label, p.id, p.total + ' reports' + (p.total > p.reports.length ? ' (the newest ' + p.reports.length + ' read)' : '')].filter(Boolean).join(' · '), ' · ',
    searchLink(p.id ? 'entity_id:' + JSON.stringify(p.id) : 'entity:' + JSON.stringify(q), 'search'));
  renderChart(p.judgments);
  const jb = document.querySelector('#judgments tbody');
  for (const j of p.judgments) {
    const band = j.low !== undefined ? pct(j.low) + '–' + pct(j.high) : j.kind;
    const tr = row([0, 1, 2], j.published || '', el('strong', {}, j.phrase + (j.negated ? ' (negated)' : '')), j.category + ' · ' + band, j.sentence);
    tr.setAttribute('data-report', j.report);
    jb.append(tr);
  }
  const rb = document.querySelector('#reports tbody');
  for (const r of p.reports) {
    const tr = row([0, 2], r.published || '', el('a', {href: '/report?id=' + encodeURIComponent(r.id)}, r.title || r.id), String(r.mentions));
    tr.setAttribute('data-id', r.id);
    rb.append(tr);
  }
  const al = document.getElementById('aliases');
  for (const a of p.aliases) al.append(el('li', {}, a.text + ' ', el('span', {class: 'count'}, '×' + a.count)));
  const co = document.getElementById('cooccurring');
  for (const n of p.cooccurring) {
    const key = n.key.includes('|') ? n.name : n.key;
    co.append(el('li', {class: 'entity'}, el('span', {class: 'label'}, n.label), ' ',
      el('a', {href: '/entity?q=' + encodeURIComponent(key)}, n.name), ' ', el('span', {class: 'count'}, n.sentences + (n.sentences === 1 ? ' sentence' : ' sentences'))));
  }
});
