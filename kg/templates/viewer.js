// kg explorer: the graph comes only from the #kg-data JSON element (column-wise tables, see kg.viz.graph_data)
// and is written with textContent, never innerHTML. vis-network only ever holds what is on screen; the
// page's CSP admits this script by its sha256 (kg.viz.render_html), so edit freely.
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var N = D.nodes, E = D.edges, EV = D.evidence, A = D.articles;
  var nN = N.label.length, nE = E.from.length;
  var byId = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clearEl(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  // ---------------------------------------------------------------- indexes over the tables
  var ids = N.id.map(function (s) { return s.charAt(0) === "<" ? s.slice(1) : D.prefix + s; });
  var indexOf = new Map();
  ids.forEach(function (id, i) { indexOf.set(id, i); });
  var deg = new Int32Array(nN);
  for (var j = 0; j < nE; j++) { deg[E.from[j]]++; if (E.to[j] !== E.from[j]) deg[E.to[j]]++; }
  var adjStart = new Int32Array(nN + 1);
  for (var i = 0; i < nN; i++) adjStart[i + 1] = adjStart[i] + deg[i];
  var adj = new Int32Array(adjStart[nN]), fill = adjStart.slice(0, nN);
  for (j = 0; j < nE; j++) { adj[fill[E.from[j]]++] = j; if (E.to[j] !== E.from[j]) adj[fill[E.to[j]]++] = j; }
  var maxValue = 0;
  for (i = 0; i < nN; i++) if (N.value[i] > maxValue) maxValue = N.value[i];
  var comms = new Map();
  D.communities.forEach(function (c) { comms.set(c.id, c); });
  var dates = Array.from(new Set(A.date.filter(Boolean))).sort();
  var dayOf = A.date.map(function (d) { return d ? dates.indexOf(d) : -1; });
  var color = D.types.map(function (t) { return t.color; });
  var COMM_PREFIX = "#c", AGG_PREFIX = "#a";

  // ---------------------------------------------------------------- filters
  var F = {type: D.types.map(function () { return true; }), rel: D.relations.map(function () { return true; }),
           outlet: D.outlets.map(function () { return true; }), lo: 0, hi: Math.max(dates.length - 1, 0),
           minArticles: 1, minConf: 0, stated: true, inferred: true};
  var edgeOk = new Uint8Array(nE), nodeHasEdge = new Uint8Array(nN), evOk = new Uint8Array(EV.s.length);
  var edgeFiltering = false, counts = {type: [], rel: [], outlet: [], edges: 0, nodes: 0};
  function computeFilters() {
    edgeFiltering = F.rel.indexOf(false) >= 0 || F.outlet.indexOf(false) >= 0 || F.lo > 0 ||
      F.hi < dates.length - 1 || F.minArticles > 1 || F.minConf > 0 || !F.stated || !F.inferred;
    var evFiltering = edgeFiltering;
    nodeHasEdge.fill(0);
    counts.rel = D.relations.map(function () { return 0; });
    counts.outlet = D.outlets.map(function () { return 0; });
    counts.edges = 0;
    var seen = new Set();
    for (var j = 0; j < nE; j++) {
      var a = E.from[j], b = E.to[j];
      var ok = F.type[N.type[a]] && F.type[N.type[b]];
      var start = E.ev[j], end = E.ev[j + 1], support = 0;
      seen.clear();
      for (var k = start; k < end; k++) {
        var art = EV.a[k], pass = true;
        if (evFiltering) {
          var day = art >= 0 ? dayOf[art] : -1, o = art >= 0 ? A.outlet[art] : -1;
          if ((F.lo > 0 || F.hi < dates.length - 1) && (day < F.lo || day > F.hi)) pass = false;
          else if (o >= 0 && !F.outlet[o]) pass = false;
          else if (EV.c[k] >= 0 && EV.c[k] < F.minConf) pass = false;
          else if (EV.i[k] ? !F.inferred : !F.stated) pass = false;
        }
        evOk[k] = pass ? 1 : 0;
        if (pass) { if (art < 0) support++; else if (!seen.has(art)) { seen.add(art); support++; } }
      }
      if (end === start) support = evFiltering && (F.lo > 0 || F.hi < dates.length - 1 ||
                                                   F.outlet.indexOf(false) >= 0) ? 0 : 1;
      if (support < F.minArticles) ok = false;
      if (ok) {
        counts.rel[E.rel[j]]++;
        for (k = start; k < end; k++) if (evOk[k] && EV.a[k] >= 0 && A.outlet[EV.a[k]] >= 0) counts.outlet[A.outlet[EV.a[k]]]++;
      }
      if (!F.rel[E.rel[j]]) ok = false;
      edgeOk[j] = ok ? 1 : 0;
      if (ok) { counts.edges++; nodeHasEdge[a] = 1; nodeHasEdge[b] = 1; }
    }
    counts.type = D.types.map(function () { return 0; });
    counts.nodes = 0;
    for (var i = 0; i < nN; i++) if (nodeOk(i, true)) { counts.type[N.type[i]]++; if (F.type[N.type[i]]) counts.nodes++; }
  }
  function nodeOk(i, ignoreType) {
    if (!ignoreType && !F.type[N.type[i]]) return false;
    return !edgeFiltering || nodeHasEdge[i] === 1 || reasons.has(i) && reasons.get(i).has("focus");
  }

  // ---------------------------------------------------------------- what is on screen
  var reasons = new Map();          // entity index -> Set of why it is shown ("init", "focus", "x<i>", "c<id>", "path")
  var pos = new Map();              // entity index -> {x, y}
  var shownComms = new Set();       // community ids drawn as aggregate nodes
  var expanded = new Map();         // entity index -> entity indices it added
  var openedComms = new Map();      // community id -> member indices it added
  var budget = Math.max(100, Math.min(D.budget, Math.round(
    (Math.max(byId("kg-network").clientWidth, 300) * Math.max(byId("kg-network").clientHeight, 300)) / 450)));
  function addReason(i, why) { if (!reasons.has(i)) reasons.set(i, new Set()); reasons.get(i).add(why); }
  function dropReason(why) {
    reasons.forEach(function (s, i) { if (s.delete(why) && s.size === 0) { reasons.delete(i); } });
  }
  function shownCount() { return reasons.size + shownComms.size; }
  function entitySize(i) { return maxValue > 0 ? 7 + 18 * Math.sqrt(N.value[i] / maxValue) : 7; }
  var maxHidden = 1;
  D.communities.forEach(function (c) { if (c.hidden > maxHidden) maxHidden = c.hidden; });
  function communitySize(k) { return 14 + 34 * Math.sqrt(k / maxHidden); }

  function initialView() {
    reasons.clear(); pos.clear(); shownComms.clear(); expanded.clear(); openedComms.clear();
    var room = budget - D.initial.communities.length;
    D.initial.communities.slice(0, budget).forEach(function (c) { shownComms.add(c); });
    D.initial.nodes.slice(0, Math.max(room, 0)).forEach(function (i) {
      addReason(i, "init");
      if (N.x[i] !== null) pos.set(i, {x: N.x[i], y: N.y[i]});
    });
    var missing = [];
    reasons.forEach(function (_, i) { if (!pos.has(i)) missing.push(i); });
    if (missing.length && !D.physics) place(missing, {x: 0, y: 0}, 0);
  }

  // Free spots on a sunflower spiral around a centre, away from every node already placed.
  function place(list, c, r0) {
    var grid = new Map(), cell = 34;
    function key(x, y) { return Math.floor(x / cell) + ":" + Math.floor(y / cell); }
    function mark(p) { grid.set(key(p.x, p.y), true); }
    pos.forEach(mark);
    shownComms.forEach(function (id) { var cm = comms.get(id); if (cm) mark(cm); });
    function free(x, y) {
      var cx = Math.floor(x / cell), cy = Math.floor(y / cell);
      for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) if (grid.has((cx + dx) + ":" + (cy + dy))) return false;
      return true;
    }
    var k = 0;
    list.forEach(function (i) {
      for (var tries = 0; tries < 5000; tries++, k++) {
        var r = r0 + 40 + 26 * Math.sqrt(k), a = k * 2.39996;
        var x = c.x + r * Math.cos(a), y = c.y + r * Math.sin(a);
        if (free(x, y)) { var p = {x: x, y: y}; pos.set(i, p); mark(p); k++; return; }
      }
      pos.set(i, {x: c.x + (Math.random() - 0.5) * 400, y: c.y + (Math.random() - 0.5) * 400});
    });
  }

  // ---------------------------------------------------------------- vis-network
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var options = {
    autoResize: true,
    nodes: {shape: "dot", borderWidth: 1, font: {size: 0}, chosen: {label: false, node: true}},
    edges: {color: {color: "#a7adb4", highlight: "#333", hover: "#555", opacity: 0.8}, font: {size: 0},
            smooth: false, selectionWidth: 1.5, hoverWidth: 0.8},
    interaction: {hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: false,
                  hideEdgesOnDrag: nE > 3000},
    layout: {improvedLayout: false, randomSeed: 7},
    physics: D.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -110, centralGravity: 0.01, springLength: 140,
                         springConstant: 0.05, damping: 0.5, avoidOverlap: 0.8},
      maxVelocity: 60, minVelocity: 1.5,
      stabilization: {enabled: true, iterations: 600, updateInterval: 50, fit: true}
    } : {enabled: false}
  };
  var container = byId("kg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);

  function nodeTitle(i) {
    var lines = [N.label[i], "Type: " + D.types[N.type[i]].name];
    if (N.qid[i]) lines.push("Wikidata: " + N.qid[i]);
    if (N.alt[i].length) lines.push("Also: " + N.alt[i].slice(0, 8).join(", "));
    lines.push("Connections: " + N.degree[i]);
    return lines.join("\n");
  }
  function clip(s, n) { s = String(s); return s.length <= n ? s : s.slice(0, n - 1) + "…"; }
  function edgeTitle(j) {
    var rel = D.relations[E.rel[j]], a = N.label[E.from[j]], b = N.label[E.to[j]];
    var lines = [a + (rel.symmetric ? " —" + rel.name + "— " : " —" + rel.name + "→ ") + b,
                 E.count[j] + " statement" + (E.count[j] === 1 ? "" : "s") + (E.ev[j + 1] > E.ev[j] ? ":" : "")];
    for (var k = E.ev[j]; k < Math.min(E.ev[j + 1], E.ev[j] + 4); k++) {
      var art = EV.a[k], where = art >= 0 ? [A.title[art], A.date[art] ? "(" + A.date[art] + ")" : ""].filter(Boolean).join(" ") : "";
      lines.push("• “" + clip(D.sentences[EV.s[k]], 240) + "”" + (where ? "\n   — " + clip(where, 120) : ""));
    }
    if (E.ev[j + 1] - E.ev[j] > 4) lines.push("… and " + (E.ev[j + 1] - E.ev[j] - 4) + " more (click the edge)");
    return lines.join("\n");
  }
  function hiddenMembers(c) {
    var k = 0;
    c.members.forEach(function (i) { if (!reasons.has(i) && nodeOk(i)) k++; });
    return k;
  }

  // Bring the DataSets in line with the view state: only what changed is added, updated or removed.
  var labelOf = new Map(), priority = [];
  function render() {
    var wantN = new Map(), wantE = new Map();
    reasons.forEach(function (_, i) {
      if (!nodeOk(i)) return;
      var p = pos.get(i) || {x: 0, y: 0}, c = color[N.type[i]] || "#999";
      wantN.set(ids[i], {id: ids[i], x: p.x, y: p.y, size: entitySize(i), title: nodeTitle(i),
        color: {background: c, border: "rgba(0,0,0,.35)", highlight: {background: c, border: "#111"},
                hover: {background: c, border: "#111"}},
        borderWidth: expanded.has(i) ? 3 : 1});
    });
    var aggOf = new Map();
    shownComms.forEach(function (id) {
      var c = comms.get(id); if (!c) return;
      var k = hiddenMembers(c); if (!k) return;
      var nid = COMM_PREFIX + id;
      aggOf.set(id, nid);
      wantN.set(nid, {id: nid, x: c.x, y: c.y, size: communitySize(k), shape: "dot",
        title: c.label + "\n" + k + " entities (double-click to open)",
        color: {background: "#dfe6ee", border: "#6b7b8f", highlight: {background: "#c9d6e6", border: "#223"},
                hover: {background: "#d3deea", border: "#223"}}, borderWidth: 2, borderWidthSelected: 3,
        shapeProperties: {borderDashes: [5, 3]}});
    });
    var agg = new Map();
    function groupNode(i) {
      if (reasons.has(i)) return nodeOk(i) ? ids[i] : null;
      var g = aggOf.get(N.comm[i]);
      return g && nodeOk(i) ? g : null;
    }
    var shownPairs = new Map();
    for (var j = 0; j < nE; j++) {
      if (!edgeOk[j]) continue;
      var a = groupNode(E.from[j]), b = groupNode(E.to[j]);
      if (a === null || b === null || a === b) continue;
      if (a.charAt(0) !== "#" && b.charAt(0) !== "#") {
        var pk = a < b ? a + "\u0000" + b : b + "\u0000" + a, nth = shownPairs.get(pk) || 0;
        shownPairs.set(pk, nth + 1);
        var rel = D.relations[E.rel[j]];
        var o = {id: "e" + j, from: a, to: b, title: edgeTitle(j), width: Math.min(1 + E.count[j] * 0.6, 5),
                 arrows: {to: {enabled: !rel.symmetric, scaleFactor: 0.6}}};
        if (nth > 0) o.smooth = {enabled: true, type: nth % 2 ? "curvedCW" : "curvedCCW",
                                 roundness: 0.12 + 0.1 * Math.floor((nth - 1) / 2)};
        wantE.set(o.id, o);
      } else {
        var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
        agg.set(key, (agg.get(key) || 0) + E.count[j]);
      }
    }
    // Group edges: each end keeps its strongest few, so the overview stays a map, not a hairball (and fast).
    var aggList = [], per = new Map(), aggIndex = 0;
    agg.forEach(function (w, key) { aggList.push([w, key]); });
    aggList.sort(function (x, y) { return y[0] - x[0]; });
    aggList.forEach(function (wk) {
      var ab = wk[1].split("\u0000"), ca = per.get(ab[0]) || 0, cb = per.get(ab[1]) || 0;
      if (ca >= 4 && cb >= 4) return;
      per.set(ab[0], ca + 1); per.set(ab[1], cb + 1);
      var w = wk[0], key = wk[1], id = AGG_PREFIX + (aggIndex++) + ":" + key;
      wantE.set(id, {id: id, from: ab[0], to: ab[1], width: Math.min(0.5 + Math.log(1 + w), 6),
                     color: {color: "#c3c9d1", opacity: 0.6}, title: w + " statements between the groups",
                     dashes: false, arrows: {to: {enabled: false}}});
    });
    sync(nodes, wantN, true);
    sync(edges, wantE, false);
    labelOf.clear();
    priority = [];
    wantN.forEach(function (n, id) {
      if (id.charAt(0) === "#") {
        var c = comms.get(+id.slice(2));
        labelOf.set(id, c.label); priority.push([1e9 + c.size, id]);
      } else {
        var i = indexOf.get(id);
        labelOf.set(id, N.label[i]); priority.push([N.value[i] + (reasons.get(i).has("focus") ? 1e12 : 0), id]);
      }
    });
    priority.sort(function (x, y) { return y[0] - x[0]; });
    updateCounts();
  }
  function sync(ds, want, isNode) {
    var remove = [], update = [];
    ds.getIds().forEach(function (id) { if (!want.has(id)) remove.push(id); });
    if (remove.length) ds.remove(remove);
    want.forEach(function (o, id) {
      var cur = ds.get(id);
      if (!cur) { update.push(o); return; }
      if (isNode ? (cur.size !== o.size || cur.borderWidth !== o.borderWidth || cur.title !== o.title)
                 : (cur.width !== o.width || cur.title !== o.title)) {
        var u = Object.assign({}, o);
        if (isNode) { delete u.x; delete u.y; }   // keep where the user dragged it
        update.push(u);
      }
    });
    if (update.length) ds.update(update);
  }

  // ---------------------------------------------------------------- labels: drawn by us, never overlapping
  var measure = new Map(), api;
  var NODE_FONT = "12px system-ui, sans-serif", COMM_FONT = "600 12px system-ui, sans-serif";
  network.on("afterDrawing", function (ctx) {
    var view = network.body.view, s = view.scale, tx = view.translation.x, ty = view.translation.y;
    var ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    var W = container.clientWidth, H = container.clientHeight, cell = 80, grid = new Map(), boxes = [];
    function hits(b) {
      for (var gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++) {
        for (var gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) {
          var list = grid.get(gx + ":" + gy); if (!list) continue;
          for (var q = 0; q < list.length; q++) {
            var o = list[q];
            if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return true;
          }
        }
      }
      return false;
    }
    function put(b) {
      for (var gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++)
        for (var gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) {
          var k = gx + ":" + gy; if (!grid.has(k)) grid.set(k, []); grid.get(k).push(b);
        }
      boxes.push(b);
    }
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top"; ctx.lineJoin = "round"; ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff";
    var bodyNodes = network.body.nodes, selected = new Set(network.getSelectedNodes());
    var order = priority;
    if (selected.size) order = priority.filter(function (p) { return selected.has(p[1]); })
      .concat(priority.filter(function (p) { return !selected.has(p[1]); }));
    for (var q = 0; q < order.length && boxes.length < 450; q++) {
      var id = order[q][1], bn = bodyNodes[id]; if (!bn) continue;
      var X = bn.x * s + tx, Y = bn.y * s + ty, r = (bn.options.size || 10) * s;
      if (X < -200 || X > W + 200 || Y < -50 || Y > H + 50) continue;
      var text = clip(labelOf.get(id) || "", 48), comm = id.charAt(0) === "#";
      var mkey = (comm ? "c" : "n") + text, w = measure.get(mkey);
      ctx.font = comm ? COMM_FONT : NODE_FONT;
      if (w === undefined) { w = ctx.measureText(text).width; measure.set(mkey, w); }
      var b = comm ? {x: X - w / 2 - 2, y: Y - r - 18, w: w + 4, h: 16, text: text, id: id}   // above its disc
                   : {x: X - w / 2 - 2, y: Y + r + 2, w: w + 4, h: 16, text: text, id: id};
      if (b.x < 0 || b.x + b.w > W || b.y < 0 || b.y + b.h > H) continue;
      if (hits(b)) continue;
      put(b);
      ctx.fillStyle = comm ? "#1d2a3a" : "#222";
      ctx.strokeText(text, b.x + 2, b.y + 2); ctx.fillText(text, b.x + 2, b.y + 2);
    }
    // relation names on edges, when few enough to read, in the room the entity labels left
    var eids = edges.length <= 300 ? edges.getIds() : [];
    ctx.font = "10px system-ui, sans-serif";
    for (q = 0; q < eids.length; q++) {
      if (eids[q].charAt(0) === "#") continue;
      var be = network.body.edges[eids[q]]; if (!be || !be.from || !be.to) continue;
      var mx = (be.from.x + be.to.x) / 2 * s + tx, my = (be.from.y + be.to.y) / 2 * s + ty;
      var et = D.relations[E.rel[+eids[q].slice(1)]].name, ew = ctx.measureText(et).width;
      var eb = {x: mx - ew / 2 - 1, y: my - 6, w: ew + 2, h: 12, text: et, id: eids[q]};
      if (eb.x < 0 || eb.x > W || eb.y < 0 || eb.y > H || hits(eb)) continue;
      put(eb);
      ctx.fillStyle = "#666"; ctx.strokeText(et, eb.x + 1, eb.y + 1); ctx.fillText(et, eb.x + 1, eb.y + 1);
    }
    ctx.restore();
    api.labelBoxes = boxes;
    api.frames++;
    if (!api.stable && !D.physics) markStable();
  });
  function markStable() {
    api.stable = true;
    api.stableAt = performance.now();   // ms since navigation start: load to first readable view
    api.stableMs = api.stableAt - t0;   // of which: after the inlined scripts were parsed
    document.documentElement.setAttribute("data-stable", "true");
  }

  // ---------------------------------------------------------------- expand, collapse, open, focus
  function expand(i, opts) {
    opts = opts || {};
    var hops = +(opts.hops || byId("kg-expand-hops").value || 1);
    var relName = opts.relation !== undefined ? opts.relation : byId("kg-expand-rel").value;
    var frontier = [i], seen = new Set([i]), found = [];
    for (var h = 0; h < hops; h++) {
      var next = [];
      frontier.forEach(function (x) {
        for (var k = adjStart[x]; k < adjStart[x + 1]; k++) {
          var j = adj[k];
          if (!edgeOk[j] || (relName && D.relations[E.rel[j]].name !== relName)) continue;
          var o = E.from[j] === x ? E.to[j] : E.from[j];
          if (seen.has(o)) continue;
          seen.add(o); next.push(o);
          if (!reasons.has(o)) found.push(o);
        }
      });
      frontier = next;
    }
    found.sort(function (a, b) { return N.value[b] - N.value[a]; });
    var room = Math.max(budget - shownCount(), 0), added = found.slice(0, room);
    var why = "x" + i;
    added.forEach(function (o) { addReason(o, why); });
    addReason(i, "focus");
    var prev = expanded.get(i) || [];
    expanded.set(i, prev.concat(added));
    var c = network.getPositions([ids[i]])[ids[i]] || pos.get(i) || {x: 0, y: 0};
    pos.set(i, c);
    place(added, c, entitySize(i));
    render();
    status(found.length > added.length ? "Showing " + added.length + " of " + found.length +
           " neighbours (screen budget " + budget + ")" : added.length + " neighbours added");
    return added.map(function (o) { return ids[o]; });
  }
  function collapse(i) {
    if (!expanded.has(i)) return [];
    var gone = [];
    dropReason("x" + i);
    expanded.get(i).forEach(function (o) { if (!reasons.has(o)) { gone.push(ids[o]); pos.delete(o); } });
    expanded.delete(i);
    render();
    status(gone.length + " entities collapsed");
    return gone;
  }
  function openCommunity(id) {
    var c = comms.get(id); if (!c) return [];
    var members = c.members.filter(function (i) { return !reasons.has(i) && nodeOk(i); });
    var room = Math.max(budget - shownCount(), 0), added = members.slice(0, Math.min(room, 300));
    added.forEach(function (i) { addReason(i, "c" + id); });
    openedComms.set(id, (openedComms.get(id) || []).concat(added));
    place(added, {x: c.x, y: c.y}, c.r || 20);
    render();
    status("Opened " + added.length + " of " + members.length + " members");
    return added.map(function (i) { return ids[i]; });
  }
  function resolve(x) { return typeof x === "number" ? x : indexOf.has(x) ? indexOf.get(x) : -1; }
  function bringIn(i, why) {
    if (!F.type[N.type[i]]) {   // a filtered-out entity is brought back rather than "not found"
      F.type[N.type[i]] = true; if (D.types[N.type[i]].checkbox) D.types[N.type[i]].checkbox.checked = true;
      computeFilters();
    }
    if (!reasons.has(i)) {
      var near = null, g = shownComms.has(N.comm[i]) ? comms.get(N.comm[i]) : null;
      if (g) near = {x: g.x, y: g.y};
      for (var k = adjStart[i]; !near && k < adjStart[i + 1]; k++) {
        var o = E.from[adj[k]] === i ? E.to[adj[k]] : E.from[adj[k]];
        if (reasons.has(o)) near = network.getPositions([ids[o]])[ids[o]] || pos.get(o);
      }
      addReason(i, why);
      place([i], near || network.getViewPosition(), near ? 20 : 0);
    } else addReason(i, why);
  }
  function focusNode(x) {
    var i = resolve(x); if (i < 0) return;
    bringIn(i, "focus");
    render();
    network.selectNodes([ids[i]]);
    network.focus(ids[i], {scale: Math.max(network.getScale(), 1.2),
                           animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    showNode(i);
  }

  // ---------------------------------------------------------------- search with type-ahead
  var normNames = null;
  function norm(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function buildNames() {
    normNames = new Array(nN);
    for (var i = 0; i < nN; i++) normNames[i] = [N.label[i], N.qid[i]].concat(N.alt[i]).filter(Boolean).map(norm);
  }
  function matches(q, limit) {
    var w = norm(q); if (!w) return [];
    if (!normNames) buildNames();
    var out = [];
    for (var i = 0; i < nN; i++) {
      var names = normNames[i], score = 0, hit = "";
      for (var k = 0; k < names.length; k++) {
        var nm = names[k], s = 0;
        if (nm === w) s = 4;
        else if (nm.indexOf(w) === 0) s = 3;
        else if (nm.indexOf(" " + w) >= 0) s = 2;
        else if (nm.indexOf(w) >= 0) s = 1;
        if (s > score) { score = s; hit = k; }
      }
      if (score) out.push([score, N.value[i], i, hit]);
    }
    out.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; });
    return out.slice(0, limit || 10);
  }
  function search(q) {
    var m = matches(q, 1);
    status(m.length ? "" : "No match for “" + q + "”");
    hideSuggest();
    if (!m.length) return null;
    focusNode(m[0][2]);
    return ids[m[0][2]];
  }
  var box = byId("kg-search"), sug = byId("kg-suggest"), active = -1;
  function hideSuggest() { sug.hidden = true; clearEl(sug); active = -1; }
  box.addEventListener("input", function () {
    clearEl(sug); active = -1;
    var m = matches(box.value, 10);
    m.forEach(function (r) {
      var i = r[2], li = el("li");
      li.setAttribute("role", "option");
      li.appendChild(el("span", "label", N.label[i]));
      var alt = r[3] > 1 ? N.alt[i][r[3] - 2] : "";
      if (alt && norm(alt) !== norm(N.label[i])) li.appendChild(el("span", "alt", "(" + alt + ")"));
      li.appendChild(el("span", "type", D.types[N.type[i]].name));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); hideSuggest(); box.value = N.label[i]; focusNode(i); });
      li.dataset.index = String(i);
      sug.appendChild(li);
    });
    sug.hidden = !m.length;
  });
  box.addEventListener("keydown", function (ev) {
    var items = sug.querySelectorAll("li");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, k) { li.classList.toggle("active", k === active); });
    } else if (ev.key === "Escape") hideSuggest();
    else if (ev.key === "Enter" && active >= 0 && items[active]) {
      ev.preventDefault(); var i = +items[active].dataset.index; hideSuggest(); box.value = N.label[i]; focusNode(i);
    }
  });
  box.addEventListener("blur", function () { setTimeout(hideSuggest, 150); });
  byId("kg-search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search(box.value); });

  // ---------------------------------------------------------------- details panel (textContent only)
  var details = byId("kg-details");
  function status(t) { byId("kg-status").textContent = t; }
  function safeUrl(u) { return /^https?:\/\//i.test(String(u)) ? String(u) : ""; }
  function item(list, text, onclick) {
    var li = el("li", onclick ? "link" : null, text);
    if (onclick) li.addEventListener("click", onclick);
    list.appendChild(li); return li;
  }
  function button(parent, text, fn) { var b = el("button", null, text); b.type = "button"; b.addEventListener("click", fn); parent.appendChild(b); return b; }
  function relLine(j, from) {
    var rel = D.relations[E.rel[j]], other = E.from[j] === from ? E.to[j] : E.from[j];
    return (rel.symmetric ? "↔ " : E.from[j] === from ? "→ " : "← ") +
      (E.from[j] === from ? rel.name + " " + N.label[other] : N.label[other] + " " + rel.name) + " (" + E.count[j] + ")";
  }
  function showNode(x) {
    var i = resolve(x); if (i < 0) return;
    clearEl(details);
    details.appendChild(el("div", "name", N.label[i]));
    details.appendChild(el("div", "meta", D.types[N.type[i]].name + " · " + N.degree[i] + " connections"));
    if (N.qid[i]) {
      var q = el("div", "meta", "Wikidata: ");
      var url = /^Q\d+$/.test(N.qid[i]) ? "https://www.wikidata.org/wiki/" + N.qid[i] : "";
      if (url) { var a = el("a", null, N.qid[i]); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; q.appendChild(a); }
      else q.appendChild(el("span", null, N.qid[i]));
      details.appendChild(q);
    }
    if (N.lat[i] !== null && N.lat[i] !== undefined) details.appendChild(el("div", "meta", "Coordinates: " + N.lat[i] + ", " + N.lon[i]));
    if (N.alt[i].length) details.appendChild(el("div", "meta", "Also: " + N.alt[i].join(", ")));
    details.appendChild(el("div", "meta", ids[i]));
    var acts = el("div", "actions");
    button(acts, "Expand", function () { expand(i); showNode(i); });
    if (expanded.has(i)) button(acts, "Collapse", function () { collapse(i); showNode(i); });
    details.appendChild(acts);
    var rels = [], arts = new Map();
    for (var k = adjStart[i]; k < adjStart[i + 1]; k++) {
      var j = adj[k]; rels.push(j);
      for (var m = E.ev[j]; m < E.ev[j + 1]; m++) if (EV.a[m] >= 0) arts.set(EV.a[m], true);
    }
    details.appendChild(el("h3", null, "Relations (" + rels.length + ")"));
    var ul = el("ul");
    rels.slice(0, 100).forEach(function (j) {
      var li = item(ul, relLine(j, i), function () { showEdge("e" + j); });
      if (!edgeOk[j]) li.classList.add("off");
    });
    details.appendChild(ul);
    details.appendChild(el("h3", null, "Articles (" + arts.size + ")"));
    var ua = el("ul");
    Array.from(arts.keys()).slice(0, 60).forEach(function (a) { item(ua, articleLine(a)); });
    details.appendChild(ua);
  }
  function articleLine(a) {
    var o = A.outlet[a] >= 0 ? D.outlets[A.outlet[a]].name : "";
    return [A.title[a] || A.id[a], o, A.date[a]].filter(Boolean).join(" · ");
  }
  // A sentence with the two mentions (character offsets from kg.viz) as <mark> elements, all text nodes.
  function sentenceBlock(k) {
    var text = D.sentences[EV.s[k]], m = EV.m[k], q = el("blockquote", evOk[k] ? null : "off");
    var spans = [];
    if (m[0] >= 0) spans.push([m[0], m[1], "subj"]);
    if (m[2] >= 0 && !(m[2] < m[1] && m[0] < m[3])) spans.push([m[2], m[3], "obj"]);
    spans.sort(function (x, y) { return x[0] - y[0]; });
    var at = 0;
    spans.forEach(function (sp) {
      if (sp[0] > at) q.appendChild(document.createTextNode(text.slice(at, sp[0])));
      q.appendChild(el("mark", sp[2], text.slice(sp[0], sp[1])));
      at = sp[1];
    });
    q.appendChild(document.createTextNode(text.slice(at)));
    var art = EV.a[k];
    var cite = el("cite", null, "— " + (art >= 0 ? articleLine(art) : "(no article)"));
    if (EV.c[k] >= 0) cite.appendChild(el("span", "badge", "confidence " + EV.c[k]));
    if (EV.i[k]) cite.appendChild(el("span", "badge", "inferred"));
    var url = art >= 0 ? safeUrl(A.url[art]) : "";
    if (url) { cite.appendChild(document.createTextNode(" ")); var a = el("a", null, "open article"); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; cite.appendChild(a); }
    q.appendChild(cite);
    return q;
  }
  function showEdge(id) {
    if (String(id).charAt(0) === "#") { clearEl(details); details.appendChild(el("div", "meta", (edges.get(id) || {}).title || "")); return; }
    var j = +String(id).slice(1); if (!(j >= 0 && j < nE)) return;
    var rel = D.relations[E.rel[j]];
    clearEl(details);
    details.appendChild(el("div", "name", N.label[E.from[j]] + (rel.symmetric ? " — " : " → ") + N.label[E.to[j]]));
    details.appendChild(el("div", "meta", rel.name + " · " + E.count[j] + " statement" + (E.count[j] === 1 ? "" : "s")));
    for (var k = E.ev[j]; k < E.ev[j + 1]; k++) details.appendChild(sentenceBlock(k));
  }
  function showCommunity(id) {
    var c = comms.get(id); if (!c) return;
    clearEl(details);
    details.appendChild(el("div", "name", c.label));
    details.appendChild(el("div", "meta", "Group of " + c.size + " entities (" + hiddenMembers(c) + " not shown)"));
    var acts = el("div", "actions");
    button(acts, "Open", function () { openCommunity(id); showCommunity(id); });
    details.appendChild(acts);
    var ul = el("ul");
    c.members.slice(0, 40).forEach(function (i) { item(ul, N.label[i] + " · " + D.types[N.type[i]].name, function () { focusNode(i); }); });
    details.appendChild(ul);
  }
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) {
      var id = String(p.nodes[0]);
      if (id.indexOf(COMM_PREFIX) === 0) showCommunity(+id.slice(2)); else showNode(id);
    } else if (p.edges && p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", function (p) {
    if (!p.nodes || !p.nodes.length) return;
    var id = String(p.nodes[0]);
    if (id.indexOf(COMM_PREFIX) === 0) { openCommunity(+id.slice(2)); return; }
    var i = indexOf.get(id);
    if (expanded.has(i)) collapse(i); else expand(i);
    showNode(i);
  });

  // ---------------------------------------------------------------- path: how are A and B connected?
  // As kg.analysis.explain_path: the shortest chain ignoring direction, among equals the one with most statements.
  function path(qa, qb) {
    var ma = indexOf.has(qa) ? [[0, 0, indexOf.get(qa)]] : matches(qa, 1);
    var mb = indexOf.has(qb) ? [[0, 0, indexOf.get(qb)]] : matches(qb, 1);
    if (!ma.length || !mb.length) { status("No entity matches “" + (!ma.length ? qa : qb) + "”"); return null; }
    var a = ma[0][2], b = mb[0][2];
    var dist = new Int32Array(nN).fill(-1), best = new Float64Array(nN), prev = new Int32Array(nN).fill(-1);
    dist[a] = 0; var queue = [a];
    for (var h = 0; h < queue.length && dist[b] < 0; h++) {
      var x = queue[h];
      for (var k = adjStart[x]; k < adjStart[x + 1]; k++) {
        var j = adj[k]; if (!edgeOk[j]) continue;
        var o = E.from[j] === x ? E.to[j] : E.from[j];
        if (dist[o] < 0) { dist[o] = dist[x] + 1; queue.push(o); }
        if (dist[o] === dist[x] + 1 && best[x] + E.count[j] > best[o]) { best[o] = best[x] + E.count[j]; prev[o] = x; }
      }
    }
    if (dist[b] < 0) { status(N.label[a] + " and " + N.label[b] + " are not connected (with these filters)"); return null; }
    var chain = [b];
    while (chain[0] !== a) chain.unshift(prev[chain[0]]);
    dropReason("path");
    chain.forEach(function (i) { bringIn(i, "path"); });
    render();
    clearEl(details);
    details.appendChild(el("div", "name", "How " + N.label[a] + " connects to " + N.label[b]));
    var hop = 0, stepEdges = [];
    for (var q = 0; q + 1 < chain.length; q++) {
      var u = chain[q], v = chain[q + 1];
      for (k = adjStart[u]; k < adjStart[u + 1]; k++) {
        j = adj[k];
        if (!edgeOk[j] || (E.from[j] === u ? E.to[j] : E.from[j]) !== v) continue;
        stepEdges.push("e" + j);
        details.appendChild(el("div", "meta", (++hop) + ". " + N.label[E.from[j]] + " —" + D.relations[E.rel[j]].name + "→ " + N.label[E.to[j]]));
        for (var m = E.ev[j]; m < E.ev[j + 1]; m++) details.appendChild(sentenceBlock(m));
      }
    }
    network.setSelection({nodes: chain.map(function (i) { return ids[i]; }), edges: stepEdges.filter(function (e) { return edges.get(e); })});
    network.fit({nodes: chain.map(function (i) { return ids[i]; }), animation: {duration: 400}});
    status("");
    return chain.map(function (i) { return ids[i]; });
  }
  byId("kg-path-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); path(byId("kg-path-a").value, byId("kg-path-b").value);
  });

  // ---------------------------------------------------------------- filter controls
  function filterList(ul, items, state, swatch) {
    items.forEach(function (it, k) {
      var li = el("li"), lab = el("label"), cb = document.createElement("input");
      cb.type = "checkbox"; cb.checked = true;
      cb.addEventListener("change", function () { state[k] = cb.checked; refilter(); });
      it.checkbox = cb;
      lab.appendChild(cb);
      if (swatch) { var s = el("span", "swatch"); s.style.background = it.color; lab.appendChild(s); }
      lab.appendChild(el("span", "name", it.name));
      if (it.symmetric) lab.appendChild(el("span", "sym", "↔"));
      it.countEl = el("span", "count", it.count);
      lab.appendChild(it.countEl);
      li.appendChild(lab); ul.appendChild(li);
    });
  }
  filterList(byId("kg-types"), D.types, F.type, true);
  filterList(byId("kg-relations"), D.relations, F.rel, false);
  filterList(byId("kg-outlets"), D.outlets, F.outlet, false);
  if (!D.outlets.length) byId("kg-outlets-box").hidden = true;
  var sel = byId("kg-expand-rel");
  D.relations.forEach(function (r) { var o = el("option", null, r.name); o.value = r.name; sel.appendChild(o); });
  var lo = byId("kg-date-lo"), hi = byId("kg-date-hi");
  lo.max = hi.max = String(Math.max(dates.length - 1, 0)); hi.value = hi.max;
  if (dates.length < 2) byId("kg-dates-box").hidden = true;
  function dateText() { byId("kg-date-lo-text").textContent = dates[F.lo] || ""; byId("kg-date-hi-text").textContent = dates[F.hi] || ""; }
  function onDates(which) {
    var a = +lo.value, b = +hi.value;
    if (a > b) { if (which === lo) { hi.value = String(a); b = a; } else { lo.value = String(b); a = b; } }
    F.lo = a; F.hi = b; dateText(); refilter();
  }
  lo.addEventListener("input", function () { onDates(lo); });
  hi.addEventListener("input", function () { onDates(hi); });
  byId("kg-min-articles").addEventListener("change", function () { F.minArticles = Math.max(1, +this.value || 1); refilter(); });
  byId("kg-min-conf").addEventListener("input", function () { F.minConf = +this.value; byId("kg-min-conf-text").textContent = this.value; refilter(); });
  byId("kg-stated").addEventListener("change", function () { F.stated = this.checked; refilter(); });
  byId("kg-inferred").addEventListener("change", function () { F.inferred = this.checked; refilter(); });
  function refilter() { computeFilters(); render(); }
  function updateCounts() {
    D.types.forEach(function (t, k) { t.countEl.textContent = counts.type[k]; });
    D.relations.forEach(function (r, k) { r.countEl.textContent = counts.rel[k]; });
    D.outlets.forEach(function (o, k) { o.countEl.textContent = counts.outlet[k]; });
    byId("kg-counts").textContent = counts.nodes + " entities · " + counts.edges + " relations · " +
      nodes.length + " on screen";
  }
  function setDates(since, until) {   // for tests and scripts: ISO dates, inclusive
    var a = 0, b = dates.length - 1;
    while (a < dates.length && since && dates[a] < since) a++;
    while (b > 0 && until && dates[b] > until) b--;
    lo.value = String(a); hi.value = String(Math.max(a, b)); onDates(hi);
  }
  byId("kg-reset").addEventListener("click", function () {
    F.type.fill(true); F.rel.fill(true); F.outlet.fill(true);
    D.types.concat(D.relations, D.outlets).forEach(function (t) { if (t.checkbox) t.checkbox.checked = true; });
    F.lo = 0; F.hi = Math.max(dates.length - 1, 0); lo.value = "0"; hi.value = String(F.hi); dateText();
    F.minArticles = 1; F.minConf = 0; F.stated = F.inferred = true;
    byId("kg-min-articles").value = "1"; byId("kg-min-conf").value = "0"; byId("kg-stated").checked = byId("kg-inferred").checked = true;
    computeFilters(); initialView(); render();
    network.unselectAll(); network.fit({animation: false});
    status("");
  });

  // ---------------------------------------------------------------- start
  byId("kg-title").textContent = D.title;
  document.title = D.title;
  byId("kg-help").textContent = D.overview
    ? "Overview: the " + D.initial.nodes.length + " most central entities and their communities (grey discs). " +
      "Double-click an entity to expand or collapse it, a group to open it."
    : "Double-click an entity to expand or collapse it. Size: " + (D.sizeBy === "pagerank" ? "PageRank" : "degree") + ".";
  dateText();
  api = {network: network, nodes: nodes, edges: edges, nodesView: nodes, edgesView: edges, data: D,
         stable: false, stableMs: null, stableAt: null, frames: 0, labelBoxes: [], budget: budget,
         search: search, matches: function (q) { return matches(q, 10).map(function (m) { return ids[m[2]]; }); },
         focus: focusNode, expand: function (x, o) { return expand(resolve(x), o); },
         collapse: function (x) { return collapse(resolve(x)); }, openCommunity: openCommunity,
         showNode: showNode, showEdge: showEdge, showCommunity: showCommunity, path: path, setDates: setDates,
         refilter: refilter, filters: F, dates: dates, idOf: function (i) { return ids[i]; }, indexOf: resolve};
  window.kgViewer = api;
  if (D.physics) {   // listen first: adding the data may stabilise synchronously
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit({animation: false});
      markStable();
      network.redraw();
    });
  }
  computeFilters();
  initialView();
  render();
  if (D.physics) network.stabilize(600);   // data added after construction: stabilise explicitly
  else {
    network.fit({animation: false});
    network.redraw();
  }
})();
