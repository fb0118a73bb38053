// The interactive map: reads its data from the page (#map-data, packed by
// visualizations/maps.py page_data; #map-page, what belongs to this page), draws it with
// vis-network. Positions come from the server (kept per workspace): physics stays off,
// so the map draws at once. vis-network gets only what is drawn: a big map's closed
// clusters stand for their members (one tie per pair of them) until a click opens one.
// Names are written by labels.js, never on top of each other. Search, focus (1–3 steps,
// the rest dimmed or hidden, zoomed to what is shown), a route, hover, the themes layer,
// dragging, saved views, the exports of the view on screen and the table of what is
// shown work on the same state. Every word comes from data.labels.
(function () {
  "use strict";
  var LABELS = window.GrenswerkLabels;
  function byId(id) { return document.getElementById(id); }
  var raw = JSON.parse(byId("map-data").textContent);
  var page = JSON.parse(byId("map-page").textContent);
  var labels = raw.labels || {};
  var DIM = "#e3e6ea", DIM_EDGE = "#eef0f2", BORDER = "#3d4650", CLUSTER_BORDER = "#1a1a1a";
  var MAX_FOCUS_SCALE = 1.5, MARGIN = 0.9;

  // --- unpack: nodes in order of priority (index = rank), ties between them ---
  var columns = raw.nodes, order = columns.id;
  var base = {}, neighbours = {}, byLabel = {};
  var routeIds = {};
  columns.route.forEach(function (i) { routeIds[order[i]] = true; });
  var dataNodes = order.map(function (id, i) {
    var legend = raw.legend[columns.group[i]] || {group: "", color: "#999999"};
    var n = {id: id, label: columns.label[i], title: columns.title[i], kind: columns.kind[i],
             group: legend.group, color: routeIds[id] ? raw.highlight : legend.color,
             shape: raw.shapes[columns.kind[i]] || "dot", size: columns.size[i],
             x: columns.x[i], y: columns.y[i], rank: i};
    if (routeIds[id]) { n.borderWidth = 4; }
    base[id] = n; neighbours[id] = [];
    byLabel[String(n.label).toLowerCase()] = id;
    return n;
  });
  var onRoute = {};
  raw.edges.route.forEach(function (i) { onRoute[i] = true; });
  var dataEdges = raw.edges.from.map(function (f, i) {
    var kind = raw.tie_kinds[raw.edges.kind[i]];
    var e = {id: "e" + i, from: order[f], to: order[raw.edges.to[i]], type: kind.type,
             title: kind.title, arrows: kind.arrows, route: Boolean(onRoute[i]),
             color: onRoute[i] ? raw.highlight : raw.edge_color, width: onRoute[i] ? 4 : 1};
    neighbours[e.from].push(e.to); neighbours[e.to].push(e.from);
    return e;
  });
  var clusterData = {};
  var dataClusters = raw.clusters.map(function (c) {
    var copy = Object.assign({}, c, {members: c.members.map(function (i) { return order[i]; })});
    clusterData[c.id] = copy;
    return copy;
  });
  var data = {nodes: dataNodes, edges: dataEdges, clusters: dataClusters, legend: raw.legend,
              options: raw.options, labels: labels, color_by: raw.color_by,
              size_legend: raw.size_legend, node_link: page.node_link};

  // dragged nodes (kept in a saved view): the server placed them already
  var moved = {};
  String(page.moved || "").split(",").forEach(function (pair) {
    var parts = pair.split(":");
    if (parts.length >= 3 && base[parts.slice(0, -2).join(":")]) {
      moved[parts.slice(0, -2).join(":")] = {x: Number(parts[parts.length - 2]),
                                           y: Number(parts[parts.length - 1])};
    }
  });

  var state = {focus: null, depth: 2, hideRest: false, themes: true, hover: null,
               route: columns.route.length > 0};
  var clusterOf = {};  // node id → the closed cluster it is in
  dataClusters.forEach(function (c) { c.members.forEach(function (m) { clusterOf[m] = c.id; }); });
  var shown = {};  // id → "on" | "dim" | "hidden": how each drawn item looks now

  function colours(colour, border) {
    return {background: colour, border: border,
            highlight: {background: colour, border: CLUSTER_BORDER},
            hover: {background: colour, border: CLUSTER_BORDER}};
  }
  function nodeItem(n, look) {
    var dim = look === "dim";
    var at = moved[n.id] || n;
    return {id: n.id, x: at.x, y: at.y, shape: n.shape, size: n.size, title: n.title,
            borderWidth: n.borderWidth || 1, hidden: look === "hidden",
            color: colours(dim ? DIM : n.color, dim ? DIM : (n.borderWidth ? raw.highlight : BORDER))};
  }
  function clusterItem(c, look) {
    var dim = look === "dim";
    return {id: c.id, x: c.x, y: c.y, shape: "dot", size: c.size, title: c.title,
            borderWidth: 4, borderWidthSelected: 5, hidden: look === "hidden",
            color: colours(dim ? DIM : c.color, dim ? DIM : CLUSTER_BORDER)};
  }
  function isClosedCluster(id) { return clusterData[id] !== undefined && !clusterData[id].open; }

  // --- what vis-network draws: the nodes outside closed clusters, the closed clusters,
  // and the ties between them (one per pair when a cluster is an end) ---
  function drawnItems() {
    var items = [];
    dataClusters.forEach(function (c) { if (!c.open) { items.push(clusterItem(c, "on")); } });
    dataNodes.forEach(function (n) { if (!clusterOf[n.id]) { items.push(nodeItem(n, "on")); } });
    return items;
  }
  function drawnEdges() {
    var out = {}, between = {};
    dataEdges.forEach(function (e) {
      var a = clusterOf[e.from] || e.from, b = clusterOf[e.to] || e.to;
      if (a === b) { return; }
      if (a === e.from && b === e.to) {
        out[e.id] = {id: e.id, from: a, to: b, title: e.title, arrows: e.arrows,
                     color: e.color, width: e.width};
        return;
      }
      var key = a < b ? a + "|" + b : b + "|" + a;
      between[key] = (between[key] || 0) + 1;
    });
    Object.keys(between).forEach(function (key) {
      var ends = key.split("|"), count = between[key];
      out["agg:" + key] = {id: "agg:" + key, from: ends[0], to: ends[1], color: raw.edge_color,
                           width: Math.min(1 + Math.log2(count), 6),
                           title: (labels.ties_between || "{count}").replace("{count}", count)};
    });
    return out;
  }

  var nodes = new vis.DataSet(drawnItems());
  var firstEdges = drawnEdges();
  var edges = new vis.DataSet(Object.keys(firstEdges).map(function (k) { return firstEdges[k]; }));
  var network = new vis.Network(byId("map"), {nodes: nodes, edges: edges}, data.options);
  nodes.getIds().forEach(function (id) { shown[id] = "on"; });
  var dimEdge = {};
  edges.getIds().forEach(function (id) { dimEdge[id] = false; });

  function refreshEdges() {
    var want = drawnEdges();
    var gone = edges.getIds().filter(function (id) { return !want[id]; });
    if (gone.length) { edges.remove(gone); }
    var added = Object.keys(want).filter(function (id) { return !edges.get(id); })
      .map(function (id) { dimEdge[id] = false; return want[id]; });
    if (added.length) { edges.add(added); }
  }

  function openGroup(id) {
    var c = clusterData[id];
    if (!c || c.open) { return; }
    c.open = true;
    c.members.forEach(function (m) { if (clusterOf[m] === id) { delete clusterOf[m]; } });
    nodes.remove(id);
    delete shown[id];
    nodes.add(c.members.map(function (m) { shown[m] = "on"; return nodeItem(base[m], "on"); }));
    refreshEdges();
    apply();
  }

  // --- looks: focus, route, hover and the themes layer ---
  function isTheme(id) { return base[id] && base[id].kind === "theme"; }
  function within(start, depth) {
    var found = {}; found[start] = true;
    var frontier = [start];
    for (var step = 0; step < depth; step++) {
      var next = [];
      frontier.forEach(function (id) {
        neighbours[id].forEach(function (other) {
          if (found[other] || (!state.themes && isTheme(other))) { return; }
          found[other] = true; next.push(other);
        });
      });
      frontier = next;
    }
    return found;
  }
  function lit() {
    if (state.focus) { return within(state.focus, state.depth); }
    if (state.route) { return Object.assign({}, routeIds); }
    if (state.hover) { return within(state.hover, 1); }
    return null;
  }
  var litNow = null;
  function lookOf(id, set) {
    if (clusterData[id]) {
      if (!set) { return "on"; }
      var any = clusterData[id].members.some(function (m) { return set[m]; });
      return any ? "on" : (state.focus && state.hideRest ? "hidden" : "dim");
    }
    if (!state.themes && isTheme(id)) { return "hidden"; }
    if (set && !set[id]) { return state.focus && state.hideRest ? "hidden" : "dim"; }
    return "on";
  }
  function litEnd(id, set) { return clusterData[id] ? shown[id] === "on" : Boolean(set[id]); }
  function edgeColour(id) {
    return id.indexOf("agg:") === 0 ? raw.edge_color : dataEdges[Number(id.slice(1))].color;
  }
  function apply() {
    var set = litNow = lit();
    var changes = [];
    nodes.getIds().forEach(function (id) {
      var look = lookOf(id, set);
      if (shown[id] !== look) {
        shown[id] = look;
        changes.push(clusterData[id] ? clusterItem(clusterData[id], look) : nodeItem(base[id], look));
      }
    });
    if (changes.length) { nodes.update(changes); }
    var edgeChanges = [];
    edges.get().forEach(function (e) {
      var dim = Boolean(set && !(litEnd(e.from, set) && litEnd(e.to, set)));
      if (dimEdge[e.id] !== dim) {
        dimEdge[e.id] = dim;
        edgeChanges.push({id: e.id, color: dim ? DIM_EDGE : edgeColour(e.id)});
      }
    });
    if (edgeChanges.length) { edges.update(edgeChanges); }
    if (tableBox && tableBox.open) { fillTables(); }
    document.body.dataset.focus = state.focus || "";
    network.redraw();
  }

  // --- the names: which fit, written after each drawing ---
  var written = [];
  function legendBlocks(canvasBox) {
    var out = [];
    ["legend", "panel"].forEach(function (id) {
      var el = byId(id);
      if (!el || el.offsetParent === null) { return; }
      var r = el.getBoundingClientRect();
      out.push([r.left - canvasBox.left - 4, r.top - canvasBox.top - 4,
                r.right - canvasBox.left + 4, r.bottom - canvasBox.top + 4]);
    });
    return out;
  }
  function candidates() {
    var view = network.body.view, drawn = network.body.nodes;
    var set = litNow, first = [], rest = [];
    function add(list, id, text) {
      var item = drawn[id];
      if (!item || shown[id] === "hidden" || shown[id] === "dim") { return; }
      list.push({id: id, text: text, x: item.x * view.scale + view.translation.x,
                 y: item.y * view.scale + view.translation.y,
                 radius: (item.options.size || 10) * view.scale});
    }
    if (state.focus && !clusterOf[state.focus]) { add(first, state.focus, base[state.focus].label); }
    if (state.hover && !clusterOf[state.hover]) { add(first, state.hover, base[state.hover].label); }
    dataClusters.forEach(function (c) { if (!c.open) { add(first, c.id, c.label); } });
    dataNodes.forEach(function (n) {
      if (clusterOf[n.id] || n.id === state.focus || n.id === state.hover) { return; }
      if (set && !set[n.id]) { return; }
      add(routeIds[n.id] ? first : rest, n.id, n.label);
    });
    return first.concat(rest);
  }
  network.on("afterDrawing", function (ctx) {
    var canvas = network.canvas.frame.canvas;
    var box = canvas.getBoundingClientRect();
    var shapes = [];  // no name covers a shape that is drawn (but a dimmed one)
    var view = network.body.view;
    nodes.getIds().forEach(function (id) {
      var item = network.body.nodes[id];
      if (!item || shown[id] === "hidden" || shown[id] === "dim") { return; }
      var x = item.x * view.scale + view.translation.x, y = item.y * view.scale + view.translation.y;
      var r = (item.options.size || 10) * view.scale;
      if (x + r < 0 || y + r < 0 || x - r > box.width || y - r > box.height) { return; }
      shapes.push([x - r, y - r, x + r, y + r]);
    });
    written = LABELS.place(candidates(), box.width, box.height, legendBlocks(box), shapes);
    LABELS.draw(ctx, network.canvas.pixelRatio, written, data.options.nodes.font.color);
  });

  // --- the table of the visible nodes and ties (sortable by a header) ---
  var tableBox = byId("map-table-box");
  var sorting = {"map-table": {key: "label", up: true}, "map-ties": {key: "from", up: true}};
  function visibleRows() {
    var visible = {}, ties = {}, nodeRows = [], tieRows = [];
    dataNodes.forEach(function (n) {
      if (!clusterOf[n.id] && shown[n.id] !== "hidden") { visible[n.id] = true; }
    });
    function end(id) { return clusterOf[id] || (visible[id] ? id : null); }
    dataEdges.forEach(function (e) {
      var from = end(e.from), to = end(e.to);
      if (!from || !to || from === to) { return; }
      ties[from] = (ties[from] || 0) + 1; ties[to] = (ties[to] || 0) + 1;
      if (visible[e.from] && visible[e.to]) {
        tieRows.push({id: e.id, from: base[e.from].label, type: e.title, to: base[e.to].label});
      }
    });
    dataClusters.forEach(function (c) {
      if (c.open || shown[c.id] === "hidden") { return; }
      nodeRows.push({id: c.id, label: c.label.replace("\n", " — "),
                     kind: labels.cluster_kind || "", group: "", ties: ties[c.id] || 0});
    });
    var names = {};
    raw.legend.forEach(function (item) { names[item.group] = item.label || item.group; });
    dataNodes.forEach(function (n) {
      if (!visible[n.id]) { return; }
      nodeRows.push({id: n.id, label: n.label, kind: labels["kind." + n.kind] || n.kind,
                     group: names[n.group] || n.group, ties: ties[n.id] || 0});
    });
    return {"map-table": nodeRows, "map-ties": tieRows};
  }
  function fillTable(tableId, rows) {
    var table = byId(tableId);
    if (!table) { return; }
    var how = sorting[tableId], keys = [];
    table.querySelectorAll("th").forEach(function (th) {
      keys.push(th.dataset.key);
      th.setAttribute("aria-sort", th.dataset.key === how.key
        ? (how.up ? "ascending" : "descending") : "none");
    });
    rows.sort(function (a, b) {
      var x = a[how.key], y = b[how.key];
      var found = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "nl");
      return how.up ? found : -found;
    });
    var fresh = document.createElement("tbody");
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.dataset.id = row.id;
      keys.forEach(function (key) {
        var td = document.createElement("td");
        td.textContent = row[key] === undefined || row[key] === null ? "" : String(row[key]);
        tr.appendChild(td);
      });
      fresh.appendChild(tr);
    });
    table.replaceChild(fresh, table.tBodies[0]);
  }
  function fillTables() {
    var rows = visibleRows();
    fillTable("map-table", rows["map-table"]);
    fillTable("map-ties", rows["map-ties"]);
  }
  function sortBy(th) {
    var how = sorting[th.closest("table").id];
    if (how.key === th.dataset.key) { how.up = !how.up; } else { how.key = th.dataset.key; how.up = true; }
    fillTables();
  }
  if (tableBox) {
    tableBox.addEventListener("toggle", function () { if (tableBox.open) { fillTables(); } });
  }
  document.querySelectorAll(".gw-table th").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(th); }
    });
  });

  // --- search, focus and zooming to what is shown ---
  var message = byId("map-message");
  function say(text) { if (message) { message.textContent = text || ""; } }
  function shownIds(set) {
    var ids = {};
    Object.keys(set).forEach(function (id) { ids[clusterOf[id] || id] = true; });
    return Object.keys(ids).filter(function (id) { return shown[id] !== "hidden"; });
  }
  // the view that shows these map positions whole (as vis-network's fit, but of
  // positions: a closed cluster's members count where they are, so the first view of a
  // map depends only on where its nodes are, not on how they are grouped)
  function zoomToPoints(points) {
    if (!points.length) { return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    points.forEach(function (p) {
      x0 = Math.min(x0, p.x - p.r); x1 = Math.max(x1, p.x + p.r);
      y0 = Math.min(y0, p.y - p.r); y1 = Math.max(y1, p.y + p.r);
    });
    var box = network.canvas.frame.canvas.getBoundingClientRect();
    // the legend covers the bottom left: the map goes above it
    var legend = byId("legend"), below = legend ? legend.getBoundingClientRect().height + 8 : 0;
    var high = Math.max(box.height - below, box.height / 2);
    var scale = Math.min(Math.min(box.width / Math.max(x1 - x0, 1), high / Math.max(y1 - y0, 1))
                         * MARGIN, MAX_FOCUS_SCALE);
    // the middle of the map in the middle of the part above the legend
    network.moveTo({position: {x: (x0 + x1) / 2, y: (y0 + y1) / 2 + (box.height - high) / 2 / scale},
                    scale: scale, animation: false});
  }
  function zoomTo(ids) {
    zoomToPoints(ids.map(function (id) {
      var item = network.body.nodes[id];
      return item ? {x: item.x, y: item.y, r: item.options.size || 10} : null;
    }).filter(Boolean));
  }
  function focusNode(id) {
    if (clusterOf[id]) { openGroup(clusterOf[id]); }
    state.focus = id; state.hover = null;
    say("");
    apply();
    network.selectNodes([id]);
    zoomTo(shownIds(litNow));
  }
  function clearFocus() {
    state.focus = null; state.hover = null; state.route = false;
    network.unselectAll();
    apply();
    zoomTo(nodes.getIds().filter(function (id) { return shown[id] !== "hidden"; }));
  }
  function find(text) {
    var wanted = String(text || "").trim().toLowerCase();
    if (!wanted) { return null; }
    if (byLabel[wanted] !== undefined) { return byLabel[wanted]; }
    var hit = dataNodes.filter(function (n) { return String(n.label).toLowerCase().indexOf(wanted) >= 0; });
    return hit.length ? hit[0].id : null;
  }
  var search = byId("map-search"), names = byId("map-names");
  function fillNames() {  // the autocomplete, made when first needed (10 000 names)
    if (!names || names.options.length) { return; }
    var fragment = document.createDocumentFragment();
    dataNodes.map(function (n) { return String(n.label); }).sort().forEach(function (label) {
      var option = document.createElement("option");
      option.value = label;
      fragment.appendChild(option);
    });
    names.appendChild(fragment);
  }
  function searched() {
    if (!search.value.trim()) { return; }
    var id = find(search.value);
    if (id === null) { say(labels.not_found); return; }
    if (!state.themes && isTheme(id)) { byId("map-themes").checked = true; state.themes = true; }
    focusNode(id);
  }
  if (search) {
    search.addEventListener("focus", fillNames);
    search.addEventListener("change", searched);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); searched(); }
    });
  }
  var depth = byId("map-depth"), hideRest = byId("map-hide-rest"), themes = byId("map-themes");
  function refocus() { if (state.focus) { focusNode(state.focus); } else { apply(); } }
  if (depth) {
    depth.addEventListener("change", function () { state.depth = parseInt(depth.value, 10) || 1; refocus(); });
  }
  if (hideRest) {
    hideRest.addEventListener("change", function () { state.hideRest = hideRest.checked; refocus(); });
  }
  var clear = byId("map-clear");
  if (clear) {
    clear.addEventListener("click", function () { if (search) { search.value = ""; } clearFocus(); });
  }
  if (themes) {
    themes.addEventListener("change", function () {
      state.themes = themes.checked;
      if (!state.themes && state.focus && isTheme(state.focus)) { state.focus = null; }
      apply();
    });
  }

  // --- views: the page's query with focus, layers and dragged nodes, kept per workspace
  // on the server (page.saved_views), saved and deleted through the page's own forms ---
  function restore() {
    var params = new URLSearchParams(window.location.search);
    if (params.get("themes") === "off" && themes) { state.themes = false; themes.checked = false; }
    var steps = parseInt(params.get("depth"), 10);
    if (steps >= 1 && steps <= 3) { state.depth = steps; if (depth) { depth.value = String(steps); } }
    if (params.get("hide") === "yes") { state.hideRest = true; if (hideRest) { hideRest.checked = true; } }
    var focus = params.get("focus");
    return focus && base[focus] ? focus : null;
  }
  function movedText() {
    return Object.keys(moved).sort().map(function (id) {
      return id + ":" + Math.round(moved[id].x * 10) / 10 + ":" + Math.round(moved[id].y * 10) / 10;
    }).join(",");
  }
  function viewQuery() {
    var params = new URLSearchParams(window.location.search);
    ["focus", "depth", "hide", "themes", "view"].forEach(function (k) { params.delete(k); });
    if (state.focus) {
      params.set("focus", state.focus);
      params.set("depth", String(state.depth));
      if (state.hideRest) { params.set("hide", "yes"); }
    }
    if (!state.themes) { params.set("themes", "off"); }
    return params.toString();
  }
  var viewList = byId("map-views"), viewName = byId("map-view-name");
  var savedViews = page.saved_views || [];
  function postView(action, fields) {
    var form = document.createElement("form"), token = document.querySelector("input[name=csrf_token]");
    form.method = "post"; form.action = page.views_save + action; form.hidden = true;
    fields.csrf_token = token ? token.value : "";
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = name; input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }
  if (page.views && viewList) {
    var current = new URLSearchParams(window.location.search).get("view");
    savedViews.forEach(function (view) {
      var option = document.createElement("option");
      option.value = view.name; option.textContent = view.name;
      option.selected = view.name === current;
      viewList.appendChild(option);
    });
    try {  // the view just saved (the page's form came back here): say so
      var saved = window.sessionStorage.getItem("grenswerk.saved");
      window.sessionStorage.removeItem("grenswerk.saved");
      if (saved && saved === viewList.value) {
        network.once("afterDrawing", function () { window.setTimeout(function () { say(labels.view_saved); }, 0); });
      }
    } catch (e) { /* no storage */ }
    viewList.addEventListener("change", function () {
      var view = savedViews.filter(function (v) { return v.name === viewList.value; })[0];
      if (view) { window.location.href = window.location.pathname + "?" + view.query; }
    });
  }
  if (page.views_save && viewList && viewName) {
    if (viewList.value) { viewName.value = viewList.value; }
    byId("map-view-save").addEventListener("click", function () {
      var name = viewName.value.trim();
      if (!name) { viewName.focus(); return; }
      try { window.sessionStorage.setItem("grenswerk.saved", name); } catch (e) { /* no storage */ }
      postView("", {name: name, query: viewQuery(), moved: movedText()});
    });
    byId("map-view-delete").addEventListener("click", function () {
      var name = viewList.value || viewName.value.trim();
      if (!name) { viewList.focus(); return; }
      postView("/delete", {name: name});
    });
  }

  // --- the exports: PNG, SVG and PDF of exactly the view on screen ---
  function exportQuery() {
    var params = new URLSearchParams(page.export_query || "");
    if (state.focus) {
      params.set("focus", state.focus);
      params.set("depth", String(state.depth));
      if (state.hideRest) { params.set("hide", "yes"); }
    }
    if (!state.themes) { params.set("themes_layer", "off"); }
    if (state.route) { params.set("route", "yes"); }
    var canvas = network.canvas.frame.canvas.getBoundingClientRect();
    var a = network.DOMtoCanvas({x: 0, y: 0});
    var b = network.DOMtoCanvas({x: canvas.width, y: canvas.height});
    params.set("box", [a.x, a.y, b.x, b.y].map(function (v) { return Math.round(v); }).join(","));
    params.set("screen", Math.round(canvas.width) + "x" + Math.round(canvas.height));
    var opened = dataClusters.filter(function (c) { return c.open; }).map(function (c) { return c.id; });
    if (opened.length) { params.set("opened", opened.join(",")); }
    if (Object.keys(moved).length) { params.set("moved", movedText()); }
    var named = written.map(function (w) { return w.id + ":" + w.side; }).join(",");
    if (named.length <= 6000) { params.set("names", named); }  // else the server's rule
    params.set("lang", document.documentElement.lang || "nl");
    return params.toString();
  }
  document.querySelectorAll("a.gw-export").forEach(function (link) {
    link.addEventListener("click", function () {
      link.href = page.export_base + "." + link.dataset.format + "?" + exportQuery();
    });
  });

  // --- the panel, focus by double click, hover, dragging ---
  var panel = byId("panel");
  network.on("click", function (event) {
    if (!event.nodes.length) { panel.style.display = "none"; network.redraw(); return; }
    if (isClosedCluster(event.nodes[0])) { openGroup(event.nodes[0]); return; }
    var node = base[event.nodes[0]];
    if (!node) { return; }
    byId("panel-name").textContent = node.label;
    byId("panel-body").textContent = node.title;
    var link = byId("panel-link");
    if (link) {
      link.href = (page.node_link || "").replace("__ID__", encodeURIComponent(node.id));
      link.textContent = "›";
    }
    panel.style.display = "block";
    network.redraw();
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length && base[event.nodes[0]]) { focusNode(event.nodes[0]); }
  });
  if (dataNodes.length <= 1500) {
    network.on("hoverNode", function (event) {
      if (state.focus || state.route || !base[event.node]) { return; }
      state.hover = event.node; apply();
    });
    network.on("blurNode", function () {
      if (state.focus || state.route || !state.hover) { return; }
      state.hover = null; apply();
    });
    byId("map").addEventListener("mouseleave", function () {  // vis-network says nothing
      if (state.hover && !state.focus) { state.hover = null; apply(); }
    });
  }
  network.on("dragEnd", function (event) {
    var dragged = event.nodes.filter(function (id) { return base[id]; });
    if (!dragged.length) { return; }
    var where = network.getPositions(dragged);
    dragged.forEach(function (id) { moved[id] = {x: where[id].x, y: where[id].y}; });
    say(page.views_save ? labels.moved_save : labels.moved);
  });

  // --- the first view: the whole map (or the route), then a restored focus ---
  network.once("afterDrawing", function () {
    document.body.dataset.drawn = "yes";
    var route = Object.keys(routeIds);
    if (route.length) { zoomTo(route); } else {
      zoomToPoints(dataNodes.map(function (n) { var at = moved[n.id] || n; return {x: at.x, y: at.y, r: n.size}; }));
    }
    var restored = restore();
    if (restored) { focusNode(restored); } else { apply(); }
    document.body.dataset.stable = "yes";
  });
  window.grenswerkMap = {
    network: network, nodes: nodes, edges: edges, data: data, state: state,
    focus: focusNode, clear: clearFocus, clusterOf: clusterOf, openGroup: openGroup,
    isClosedCluster: isClosedCluster, moved: moved, exportQuery: exportQuery,
    look: function (id) { return clusterOf[id] ? "clustered" : shown[id]; },
    labelled: function () { return written.map(function (w) { return w.id; }); },
    labelBoxes: function () { return written.map(function (w) { return w.box; }); }
  };
})();
