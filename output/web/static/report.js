'use strict';
// The record's offsets are UTF-8 byte offsets: slice the encoded bytes and
// decode each piece, so marks land exactly where the record says.
const enc = new TextEncoder(), dec = new TextDecoder();

function renderText(rec) {
  const bytes = enc.encode(rec.text);
  const spans = [];
  for (const e of rec.entities) spans.push({start: e.start, end: e.end, cls: 'ent ent-' + e.label, title: e.label + (e.name ? ' · ' + e.name : '') + (e.id ? ' · ' + e.id : '')});
  for (const e of rec.estimative) spans.push({start: e.start, end: e.end, cls: 'est ' + e.kind, title: e.kind + ' · ' + e.category + (e.low !== undefined ? ' (' + e.low + '–' + e.high + ')' : '')});
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const box = document.getElementById('text');
  box.replaceChildren();
  let cur = 0;
  for (const s of spans) {
    if (s.start < cur || s.end > bytes.length) continue; // overlaps an earlier mark
    if (s.start > cur) box.append(document.createTextNode(dec.decode(bytes.subarray(cur, s.start))));
    box.append(el('mark', {class: s.cls, title: s.title}, dec.decode(bytes.subarray(s.start, s.end))));
    cur = s.end;
  }
  box.append(document.createTextNode(dec.decode(bytes.subarray(cur))));
}

function renderTakeaways(rec) {
  const ul = document.getElementById('takeaways');
  ul.replaceChildren();
  if (!rec.takeaways.length) { document.getElementById('takeaways-box').hidden = true; return; }
  for (const t of rec.takeaways) {
    const li = el('li', {class: 'takeaway'});
    if (t.label) li.append(el('strong', {}, t.label + ' '));
    li.append(document.createTextNode(t.label ? t.text.slice(t.text.indexOf(':') + 1).trim() : t.text));
    const j = t.likelihood || {};
    if (j.category) li.append(' ', el('span', {class: 'badge'}, j.category + ' · ' + (j.mean * 100).toFixed(0) + '%'));
    if (t.derived) li.append(' ', el('span', {class: 'badge derived'}, 'derived'));
    ul.append(li);
  }
}

function renderSide(rec) {
  const dl = document.getElementById('judgments');
  dl.replaceChildren();
  const j = rec.judgments || {};
  const rows = [['likelihood judgments', j.judgments], ['hedges', j.hedges],
    ['mean probability', j.mean !== undefined ? (j.mean * 100).toFixed(0) + '% (' + j.category + ')' : '–'],
    ['hedges per 1,000 words', j.hedge_density !== undefined ? j.hedge_density.toFixed(1) : '–']];
  for (const [k, v] of rows) dl.append(el('dt', {}, k), el('dd', {}, String(v === undefined ? 0 : v)));
  const seen = new Map();
  for (const e of rec.entities) {
    const key = e.label + '|' + (e.id || e.text);
    if (!seen.has(key)) seen.set(key, {e, n: 0});
    seen.get(key).n++;
  }
  const ul = document.getElementById('entities');
  ul.replaceChildren();
  for (const {e, n} of [...seen.values()].sort((a, b) => b.n - a.n)) {
    const q = e.id ? 'entity_id:' + JSON.stringify(e.id) : 'entity:' + JSON.stringify(e.text);
    ul.append(el('li', {class: 'entity'}, el('span', {class: 'label'}, e.label), ' ', searchLink(q, e.name || e.text), ' ', el('span', {class: 'count'}, '×' + n), ' ',
      el('a', {class: 'profile', href: '/entity?q=' + encodeURIComponent(e.id || e.text), title: 'entity page'}, '→')));
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const id = new URLSearchParams(location.search).get('id') || '';
  document.getElementById('report-id').textContent = id;
  let rec;
  try {
    rec = await getJSON('/api/reports/' + id.split('/').map(encodeURIComponent).join('/'));
  } catch (e) {
    document.getElementById('title').textContent = 'Error: ' + e.message;
    return;
  }
  document.title = rec.title || rec.id;
  document.getElementById('title').textContent = rec.title || rec.id;
  const when = rec.published || ('undated' + (rec.file_modified ? ' (file saved ' + rec.file_modified.slice(0, 10) + ')' : ''));
  document.getElementById('meta').textContent = [when, rec.site, rec.source.format, rec.id].filter(Boolean).join(' · ');
  if (rec.duplicate_of) document.getElementById('meta').append(' · same text as ', el('a', {href: '/report?id=' + encodeURIComponent(rec.duplicate_of)}, rec.duplicate_of));
  renderTakeaways(rec);
  renderText(rec);
  renderSide(rec);
  renderMap(id);
});

// renderMap shows the server's SVG map of the report's places (none: hidden).
async function renderMap(id) {
  const r = await fetch('/api/map?id=' + encodeURIComponent(id));
  if (r.status !== 200) return;
  const svg = new DOMParser().parseFromString(await r.text(), 'image/svg+xml').documentElement;
  if (svg.nodeName !== 'svg') return;
  document.getElementById('map').replaceChildren(document.importNode(svg, true));
  document.getElementById('map-box').hidden = false;
}
