'use strict';
// Results are rendered with textContent only: nothing from the data is ever parsed as HTML.
const form = document.getElementById('f'), out = document.getElementById('out');
const status = document.getElementById('status');
function cell(tag, text) { const c = document.createElement(tag); c.textContent = text; return c; }
function term(t) {
  if (!t) return '';
  if (t.type === 'uri') return t.value;
  if (t.type === 'bnode') return '_:' + t.value;
  return t['xml:lang'] ? t.value + ' @' + t['xml:lang'] : t.value;
}
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  out.replaceChildren();
  status.textContent = 'running...';
  const t0 = performance.now();
  try {
    const resp = await fetch('/sparql', {method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded',
                'Accept': 'application/sparql-results+json, text/turtle;q=0.9'},
      body: new URLSearchParams({query: document.getElementById('q').value})});
    const ms = Math.round(performance.now() - t0);
    const type = resp.headers.get('Content-Type') || '';
    if (!resp.ok) { out.appendChild(cell('p', await resp.text())).className = 'err';
                    status.textContent = 'HTTP ' + resp.status; return; }
    if (!type.startsWith('application/sparql-results+json')) {
      out.appendChild(cell('pre', await resp.text())); status.textContent = ms + ' ms'; return; }
    const data = await resp.json();
    if ('boolean' in data) {
      out.appendChild(cell('p', String(data.boolean))); status.textContent = ms + ' ms'; return; }
    const vars = data.head.vars, table = document.createElement('table'), head = document.createElement('tr');
    vars.forEach(v => head.appendChild(cell('th', v)));
    table.appendChild(head);
    for (const b of data.results.bindings) {
      const tr = document.createElement('tr');
      vars.forEach(v => tr.appendChild(cell('td', term(b[v]))));
      table.appendChild(tr);
    }
    out.appendChild(table);
    const cut = resp.headers.get('X-SPARQL-MaxRows');
    status.textContent = data.results.bindings.length + ' rows, ' + ms + ' ms' + (cut ? ' (truncated)' : '');
  } catch (e) { out.appendChild(cell('p', String(e))).className = 'err'; status.textContent = 'failed'; }
});
