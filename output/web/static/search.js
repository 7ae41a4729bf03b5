'use strict';
const state = {q: '', sort: 'score', offset: 0, limit: 10, filters: [], from: '', to: '', copies: false};

function readURL() {
  const p = new URLSearchParams(location.search);
  state.q = p.get('q') || '';
  state.sort = p.get('sort') || 'score';
  state.offset = parseInt(p.get('offset') || '0', 10) || 0;
  state.filters = p.getAll('filter');
  state.from = p.get('from') || '';
  state.to = p.get('to') || '';
  state.copies = p.get('copies') === '1';
  document.getElementById('q').value = state.q;
  document.getElementById('sort').value = state.sort;
  document.getElementById('from').value = state.from;
  document.getElementById('to').value = state.to;
  document.getElementById('copies').checked = state.copies;
}

function params() {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.sort !== 'score') p.set('sort', state.sort);
  if (state.offset) p.set('offset', String(state.offset));
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.copies) p.set('copies', '1');
  for (const f of state.filters) p.append('filter', f);
  return p;
}

function pushURL() { history.pushState(null, '', '/?' + params().toString()); }

async function run() {
  const p = params();
  p.set('offset', String(state.offset));
  p.set('limit', String(state.limit));
  p.set('facet', 'entity');
  p.append('facet', 'entity_name');
  p.set('timeline', '1');
  const status = document.getElementById('status');
  status.className = '';
  status.textContent = 'Searching…';
  let res;
  try {
    res = await getJSON('/api/search?' + p.toString());
  } catch (e) {
    status.className = 'error';
    status.textContent = e.message; // the parser's message: the query with a caret under the spot
    document.getElementById('hits').replaceChildren();
    document.getElementById('timeline').hidden = true;
    return;
  }
  const range = state.from || state.to ? ' published ' + (state.from || '…') + ' to ' + (state.to || '…') : '';
  status.textContent = res.total + ' reports' + (state.q ? ' for ' + state.q : '') + range + ' (' + res.took_ms.toFixed(1) + ' ms)';
  renderFilters(status);
  renderHits(res);
  renderFacets(res.facets || {});
  renderTimeline((res.facets || {}).timeline || []);
  renderPager(res);
}

function renderFilters(status) {
  for (const f of state.filters) {
    const b = el('button', {type: 'button', class: 'filter', title: 'remove this filter'}, f + ' ✕');
    b.addEventListener('click', () => { state.filters = state.filters.filter(x => x !== f); state.offset = 0; pushURL(); run(); });
    status.append(' ', b);
  }
}

const fragmentNames = {text: '', entity: 'entity', entity_id: 'entity', entity_name: 'entity', label: 'label', category: 'judgment', admin1: 'place', country: 'place'};

function reportLink(id, label) {
  return el('a', {href: '/report?id=' + encodeURIComponent(id)}, label || id);
}

function renderHits(res) {
  const ol = document.getElementById('hits');
  ol.replaceChildren();
  ol.start = state.offset + 1;
  for (const h of res.hits) {
    const li = el('li', {class: 'hit', 'data-id': h.id},
      el('a', {class: 'hit-title', href: '/report?id=' + encodeURIComponent(h.id)}, h.title || h.id),
      el('div', {class: 'hit-meta'}, [h.id, h.published || 'undated', h.site].filter(Boolean).join(' · ')));
    for (const [field, frags] of Object.entries(h.fragments || {})) {
      if (field === 'title') continue;
      for (const fr of frags) {
        const p = el('p', {class: 'snippet'});
        if (fragmentNames[field]) p.append(el('span', {class: 'why'}, fragmentNames[field]), ' ');
        p.append(markFragment(fr));
        li.append(p);
      }
    }
    if (h.copies && h.copies.length) {
      const copies = el('div', {class: 'copies'}, 'Same text: ');
      h.copies.forEach((c, i) => {
        if (i) copies.append(', ');
        copies.append(el('a', {class: 'copy', 'data-id': c, href: '/report?id=' + encodeURIComponent(c)}, c));
      });
      li.append(copies);
    }
    ol.append(li);
  }
}

const facetNames = {label: 'Entity type', category: 'Judgment', site: 'Site', month: 'Published', entity_name: 'Entities (canonical)', entity: 'Mentions'};

function renderFacets(facets) {
  const box = document.getElementById('facets');
  box.replaceChildren();
  for (const name of ['label', 'category', 'site', 'month', 'entity_name', 'entity']) {
    const terms = facets[name];
    if (!terms || !terms.length) continue;
    const ul = el('ul', {class: 'facet', 'data-facet': name});
    for (const t of terms) {
      const b = el('button', {type: 'button', class: 'facet-term'}, el('span', {}, t.term), el('span', {class: 'count'}, String(t.count)));
      b.addEventListener('click', () => {
        const f = name + ':' + t.term;
        if (!state.filters.includes(f)) state.filters.push(f);
        state.offset = 0; pushURL(); run();
      });
      const li = el('li', {}, b);
      if (name === 'entity_name' || name === 'entity') li.append(el('a', {class: 'profile', href: '/entity?q=' + encodeURIComponent(t.term), title: 'entity page'}, '→'));
      ul.append(li);
    }
    box.append(el('h3', {}, facetNames[name] || name), ul);
  }
}

// renderTimeline draws the matching reports by month as SVG bars (no inline
// styles: the page's CSP allows none); a click limits the search to that month.
function renderTimeline(terms) {
  const fig = document.getElementById('timeline');
  const box = document.getElementById('timeline-chart');
  box.replaceChildren();
  if (!terms.length) { fig.hidden = true; return; }
  fig.hidden = false;
  // Every month between the first and the last, empty ones included.
  const months = [];
  let [y, m] = terms[0].term.split('-').map(Number);
  const [ly, lm] = terms[terms.length - 1].term.split('-').map(Number);
  const counts = new Map(terms.map(t => [t.term, t.count]));
  while ((y < ly || (y === ly && m <= lm)) && months.length < 360) {
    const key = y + '-' + String(m).padStart(2, '0');
    months.push([key, counts.get(key) || 0]);
    if (++m > 12) { m = 1; y++; }
  }
  const max = Math.max(...months.map(x => x[1]));
  const ns = 'http://www.w3.org/2000/svg';
  const bw = 14, h = 80, svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + (months.length * bw) + ' ' + (h + 14));
  svg.setAttribute('class', 'timeline');
  let lastTick = -Infinity;
  months.forEach(([key, n], i) => {
    const bh = n ? Math.max(2, Math.round(n / max * h)) : 0;
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', String(i * bw + 1)); r.setAttribute('y', String(h - bh));
    r.setAttribute('width', String(bw - 2)); r.setAttribute('height', String(bh));
    r.setAttribute('class', 'bar'); r.setAttribute('data-month', key);
    const title = document.createElementNS(ns, 'title');
    title.textContent = key + ': ' + n + ' reports';
    r.append(title);
    r.addEventListener('click', () => {
      const [yy, mm] = key.split('-').map(Number);
      state.from = key + '-01';
      state.to = key + '-' + String(new Date(Date.UTC(yy, mm, 0)).getUTCDate()).padStart(2, '0');
      state.offset = 0; readBack(); pushURL(); run();
    });
    svg.append(r);
    if ((i === 0 || key.endsWith('-01') || i === months.length - 1) && i - lastTick >= 5) {
      lastTick = i;
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('x', String(i * bw)); t.setAttribute('y', String(h + 12)); t.setAttribute('class', 'tick');
      t.textContent = key;
      svg.append(t);
    }
  });
  box.append(svg);
}

function readBack() {
  document.getElementById('from').value = state.from;
  document.getElementById('to').value = state.to;
}

function renderPager(res) {
  const prev = document.getElementById('prev'), next = document.getElementById('next');
  prev.disabled = state.offset === 0;
  next.disabled = state.offset + state.limit >= res.total;
  document.getElementById('page').textContent = res.total ? ' ' + (state.offset + 1) + '–' + Math.min(res.total, state.offset + state.limit) + ' of ' + res.total + ' ' : '';
}

document.addEventListener('DOMContentLoaded', () => {
  readURL();
  document.getElementById('search-form').addEventListener('submit', e => {
    e.preventDefault();
    state.q = document.getElementById('q').value.trim();
    state.sort = document.getElementById('sort').value;
    state.offset = 0; state.filters = [];
    pushURL(); run();
  });
  document.getElementById('dates').addEventListener('submit', e => {
    e.preventDefault();
    state.from = document.getElementById('from').value;
    state.to = document.getElementById('to').value;
    state.offset = 0; pushURL(); run();
  });
  document.getElementById('clear-dates').addEventListener('click', () => {
    state.from = state.to = ''; readBack(); state.offset = 0; pushURL(); run();
  });
  document.getElementById('copies').addEventListener('change', e => {
    state.copies = e.target.checked; state.offset = 0; pushURL(); run();
  });
  document.getElementById('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); pushURL(); run(); });
  document.getElementById('next').addEventListener('click', () => { state.offset += state.limit; pushURL(); run(); });
  window.addEventListener('popstate', () => { readURL(); run(); });
  run();
});
