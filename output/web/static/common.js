'use strict';
// Helpers shared by the pages. Report text is only ever inserted as text
// nodes; nothing from a report or a query is parsed as HTML.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

// markFragment turns a server fragment ("…text <mark>hit</mark> text…", with
// the text HTML-escaped by the server) into DOM nodes without innerHTML.
function markFragment(fragment) {
  const span = el('span', {class: 'fragment'});
  const parts = fragment.split(/(<mark>|<\/mark>)/);
  let inMark = false;
  const ta = document.createElement('textarea'); // decodes &amp; &lt; … as text
  for (const p of parts) {
    if (p === '<mark>') { inMark = true; continue; }
    if (p === '</mark>') { inMark = false; continue; }
    ta.innerHTML = p.replace(/</g, '&lt;'); // any stray tag stays text
    const text = ta.value;
    span.append(inMark ? el('mark', {}, text) : document.createTextNode(text));
  }
  return span;
}

function searchLink(query, label) {
  return el('a', {href: '/?q=' + encodeURIComponent(query)}, label);
}

async function getJSON(url) {
  const r = await fetch(url, {headers: {'Accept': 'application/json'}});
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}
