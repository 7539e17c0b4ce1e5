// kg viewer: the graph comes only from the #kg-data JSON element and is written with textContent, never
// innerHTML. The page's CSP admits this script by its sha256 (kg.viz.render_html), so edit freely.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var color = {};
  data.types.forEach(function (t) { color[t.name] = t.color; });
  var big = data.nodes.length > 300;

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var c = color[n.type] || "#999";
    var o = {id: n.id, label: n.label, title: n.title, value: n.value, group: n.type,
             color: {background: c, border: "rgba(0,0,0,.35)", highlight: {background: c, border: "#111"},
                     hover: {background: c, border: "#111"}},
             type: n.type, qid: n.qid, alt: n.alt, degree: n.degree};
    if (n.x !== undefined) { o.x = n.x; o.y = n.y; }
    return o;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var o = {id: e.id, from: e.from, to: e.to, label: e.label, title: e.title, predicate: e.predicate,
             symmetric: e.symmetric, count: e.count, sources: e.sources,
             width: Math.min(1 + e.count * 0.6, 5),
             arrows: {to: {enabled: !e.symmetric, scaleFactor: 0.6}},
             dashes: false};
    if (e.curve > 0) o.smooth = {enabled: true, type: e.curve % 2 ? "curvedCW" : "curvedCCW",
                                 roundness: 0.12 + 0.1 * Math.floor((e.curve - 1) / 2)};
    return o;
  }));

  var typeOn = {}, relOn = {};
  data.types.forEach(function (t) { typeOn[t.name] = true; });
  data.relations.forEach(function (r) { relOn[r.name] = true; });
  var nodesView = new vis.DataView(nodes, {filter: function (n) { return typeOn[n.type] !== false; }});
  var edgesView = new vis.DataView(edges, {filter: function (e) {
    if (relOn[e.predicate] === false) return false;
    var a = nodes.get(e.from), b = nodes.get(e.to);
    return !!a && !!b && typeOn[a.type] !== false && typeOn[b.type] !== false;
  }});

  var options = {
    autoResize: true,
    nodes: {shape: "dot", borderWidth: 1,
            scaling: {min: 8, max: 38, label: {enabled: true, min: 12, max: 22, drawThreshold: 5,
                                               maxVisible: 26}},
            font: {face: "system-ui, sans-serif", color: "#222", strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {color: {color: "#9aa0a6", highlight: "#333", hover: "#555", opacity: 0.85},
            font: {size: 10, face: "system-ui, sans-serif", color: "#555", strokeWidth: 3,
                   strokeColor: "#ffffff", align: "middle"},
            smooth: big ? false : {enabled: true, type: "continuous", roundness: 0.2},
            selectionWidth: 1.5, hoverWidth: 0.8},
    interaction: {hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false,
                  hideEdgesOnDrag: big, hideEdgesOnZoom: data.nodes.length > 1000},
    layout: {improvedLayout: data.nodes.length <= 150, randomSeed: 7},
    physics: data.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -110, centralGravity: 0.01, springLength: 140,
                         springConstant: 0.05, damping: 0.5, avoidOverlap: 0.8},
      maxVelocity: 60, minVelocity: 1.5,
      stabilization: {enabled: true, iterations: big ? 150 : 800, updateInterval: 50, fit: true}
    } : {enabled: false}
  };

  var container = byId("kg-network");
  var t0 = performance.now();
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, options);
  var api = {network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
             data: data, stable: false, stableMs: null, stableAt: null, search: search, focus: focusNode};
  window.kgViewer = api;

  function markStable() {
    if (api.stable) return;
    api.stable = true;
    api.stableAt = performance.now();   // ms since navigation start: load-to-stable
    api.stableMs = api.stableAt - t0;   // of which: vis layout/draw
    document.documentElement.setAttribute("data-stable", "true");
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit({animation: false});
      markStable();
    });
  } else {
    network.once("afterDrawing", function () { markStable(); });
    network.fit({animation: false});
  }

  // ---------- header
  byId("kg-title").textContent = data.title;
  byId("kg-size-note").textContent = "Size: " + (data.sizeBy === "pagerank" ? "PageRank" : "degree") +
    ". Untick to hide; ↔ = symmetric relation.";
  document.title = data.title;
  byId("kg-counts").textContent = data.nodes.length + " entities · " + data.edges.length + " relations";
  var names = byId("kg-names");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); })
    .slice(0, 5000).forEach(function (n) { var o = document.createElement("option"); o.value = n.label;
                                            names.appendChild(o); });

  // ---------- filters (the type list doubles as the legend)
  function filterList(ul, items, state, swatch) {
    items.forEach(function (it) {
      var li = el("li"), lab = el("label"), cb = document.createElement("input");
      cb.type = "checkbox"; cb.checked = true;
      cb.addEventListener("change", function () {
        state[it.name] = cb.checked; nodesView.refresh(); edgesView.refresh();
      });
      it.checkbox = cb;
      lab.appendChild(cb);
      if (swatch) { var s = el("span", "swatch"); s.style.background = it.color; lab.appendChild(s); }
      lab.appendChild(el("span", "name", it.name));
      if (it.symmetric) lab.appendChild(el("span", "sym", "↔"));
      lab.appendChild(el("span", "count", it.count));
      li.appendChild(lab); ul.appendChild(li);
    });
  }
  filterList(byId("kg-types"), data.types, typeOn, true);
  filterList(byId("kg-relations"), data.relations, relOn, false);

  // ---------- details panel (textContent only)
  var details = byId("kg-details");
  function clear() { while (details.firstChild) details.removeChild(details.firstChild); }
  function sourceBlock(s) {
    var q = el("blockquote", null, s.sentence);
    var where = [s.title || s.article, s.date ? "(" + String(s.date).slice(0, 10) + ")" : ""]
      .filter(Boolean).join(" ");
    if (where) q.appendChild(el("cite", null, "— " + where));
    return q;
  }
  function showNode(id) {
    var n = nodes.get(id); if (!n) return;
    clear();
    details.appendChild(el("div", "name", n.label));
    details.appendChild(el("div", "meta", n.type + (n.qid ? " · Wikidata " + n.qid : "") +
                                          " · " + n.degree + " connections"));
    if (n.alt && n.alt.length) details.appendChild(el("div", "meta", "Also: " + n.alt.join(", ")));
    details.appendChild(el("div", "meta", n.id));
    var rel = edges.get({filter: function (e) { return e.from === id || e.to === id; }});
    rel.slice(0, 50).forEach(function (e) {
      var other = nodes.get(e.from === id ? e.to : e.from);
      var line = (e.from === id ? "" : (other ? other.label : e.from) + " ") + e.predicate +
                 (e.from === id ? " " + (other ? other.label : e.to) : "");
      var p = el("div", "meta", (e.symmetric ? "↔ " : e.from === id ? "→ " : "← ") + line +
                               " (" + e.count + ")");
      details.appendChild(p);
    });
  }
  function showEdge(id) {
    var e = edges.get(id); if (!e) return;
    var a = nodes.get(e.from), b = nodes.get(e.to);
    clear();
    details.appendChild(el("div", "name", (a ? a.label : e.from) + (e.symmetric ? " — " : " → ") +
                                         (b ? b.label : e.to)));
    details.appendChild(el("div", "meta", e.predicate + " · " + e.count + " statement" +
                                         (e.count === 1 ? "" : "s")));
    (e.sources || []).forEach(function (s) { details.appendChild(sourceBlock(s)); });
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]); else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ---------- search
  function norm(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function search(q) {
    var w = norm(q); if (!w) return null;
    var exact = null, part = null;
    data.nodes.forEach(function (n) {
      var cands = [n.label, n.qid].concat(n.alt || []).map(norm);
      if (cands.indexOf(w) >= 0) { if (!exact || n.degree > exact.degree) exact = n; }
      else if (cands.some(function (c) { return c.indexOf(w) >= 0; })) {
        if (!part || n.degree > part.degree) part = n;
      }
    });
    var hit = exact || part;
    byId("kg-status").textContent = hit ? "" : "No match for “" + q + "”";
    if (hit) focusNode(hit.id);
    return hit ? hit.id : null;
  }
  function focusNode(id) {
    var n = nodes.get(id); if (!n) return;
    if (typeOn[n.type] === false) {   // a filtered-out entity is brought back rather than "not found"
      typeOn[n.type] = true;
      data.types.forEach(function (t) { if (t.name === n.type && t.checkbox) t.checkbox.checked = true; });
      nodesView.refresh(); edgesView.refresh();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.3), animation: {duration: 450,
                       easingFunction: "easeInOutQuad"}});
    showNode(id);
  }
  byId("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); search(byId("kg-search").value);
  });
  byId("kg-reset").addEventListener("click", function () {
    data.types.forEach(function (t) { typeOn[t.name] = true; if (t.checkbox) t.checkbox.checked = true; });
    data.relations.forEach(function (r) { relOn[r.name] = true; if (r.checkbox) r.checkbox.checked = true; });
    nodesView.refresh(); edgesView.refresh();
    network.unselectAll(); network.fit({animation: {duration: 300}});
    byId("kg-status").textContent = "";
  });
})();
