'use strict';
const state = {q: '', sort: 'score', offset: 0, limit: 10, filters: []};

function readURL() {
  const p = new URLSearchParams(location.search);
  state.q = p.get('q') || '';
  state.sort = p.get('sort') || 'score';
  state.offset = parseInt(p.get('offset') || '0', 10) || 0;
  state.filters = p.getAll('filter');
  document.getElementById('q').value = state.q;
  document.getElementById('sort').value = state.sort;
}

function pushURL() {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.sort !== 'score') p.set('sort', state.sort);
  if (state.offset) p.set('offset', String(state.offset));
  for (const f of state.filters) p.append('filter', f);
  history.pushState(null, '', '/?' + p.toString());
}

async function run() {
  const p = new URLSearchParams({q: state.q, sort: state.sort, offset: String(state.offset), limit: String(state.limit), facet: 'entity'});
  for (const f of state.filters) p.append('filter', f);
  const status = document.getElementById('status');
  status.textContent = 'Searching…';
  let res;
  try {
    res = await getJSON('/api/search?' + p.toString());
  } catch (e) {
    status.textContent = 'Error: ' + e.message;
    document.getElementById('hits').replaceChildren();
    return;
  }
  status.textContent = res.total + ' reports' + (state.q ? ' for ' + state.q : '') + ' (' + res.took_ms.toFixed(1) + ' ms)';
  renderFilters(status);
  renderHits(res);
  renderFacets(res.facets || {});
  renderPager(res);
}

function renderFilters(status) {
  for (const f of state.filters) {
    const b = el('button', {type: 'button', class: 'filter', title: 'remove this filter'}, f + ' ✕');
    b.addEventListener('click', () => { state.filters = state.filters.filter(x => x !== f); state.offset = 0; pushURL(); run(); });
    status.append(' ', b);
  }
}

function renderHits(res) {
  const ol = document.getElementById('hits');
  ol.replaceChildren();
  ol.start = state.offset + 1;
  for (const h of res.hits) {
    const li = el('li', {class: 'hit'},
      el('a', {class: 'hit-title', href: '/report?id=' + encodeURIComponent(h.id)}, h.title || h.id),
      el('div', {class: 'hit-meta'}, [h.id, h.published, h.site].filter(Boolean).join(' · ')));
    for (const field of ['title', 'text']) {
      for (const fr of (h.fragments || {})[field] || []) {
        if (field === 'title') continue;
        li.append(el('p', {class: 'snippet'}, markFragment(fr)));
      }
    }
    ol.append(li);
  }
}

const facetNames = {label: 'Entity type', category: 'Judgment', site: 'Site', month: 'Published', entity: 'Entities'};

function renderFacets(facets) {
  const box = document.getElementById('facets');
  box.replaceChildren();
  for (const name of ['label', 'category', 'site', 'month', 'entity']) {
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
      ul.append(el('li', {}, b));
    }
    box.append(el('h3', {}, facetNames[name] || name), ul);
  }
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
  document.getElementById('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); pushURL(); run(); });
  document.getElementById('next').addEventListener('click', () => { state.offset += state.limit; pushURL(); run(); });
  window.addEventListener('popstate', () => { readURL(); run(); });
  run();
});
