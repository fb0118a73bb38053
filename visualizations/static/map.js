// The interactive map: reads its data from the page (#map-data), draws it with vis-network.
// Positions come from the server (seeded, kept per workspace version): physics stays off.
// Search, focus (1–3 steps, the rest dimmed or hidden), hover, the themes layer and the
// table of what is shown work on the same state. Every word comes from data.labels.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var labels = data.labels || {};
  var DIM = "#e3e6ea", DIM_TEXT = "#b8bec6", DIM_EDGE = "#eef0f2", CLUSTER_BORDER = "#1a1a1a";
  var baseFont = (data.options.nodes && data.options.nodes.font) || {size: 14};
  var fontSize = baseFont.size;
  var base = {}, baseEdge = {}, neighbours = {}, byLabel = {};
  data.nodes.forEach(function (n) {
    base[n.id] = n; neighbours[n.id] = [];
    byLabel[String(n.label).toLowerCase()] = n.id;
  });
  data.edges.forEach(function (e) {
    baseEdge[e.id] = e;
    if (neighbours[e.from] && neighbours[e.to]) {
      neighbours[e.from].push(e.to); neighbours[e.to].push(e.from);
    }
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("map"),
                                {nodes: nodes, edges: edges}, data.options);
  var state = {focus: null, depth: 2, hideRest: false, themes: true, hover: null};

  // --- level of detail: a big map opens with its communities collapsed into clusters
  // (data.clusters, made on the server), opened by a click or by finding a node inside ---
  var clusterOf = {};  // node id → the closed cluster it is in
  var clusterData = {};  // cluster id → its data
  function closeClusters() {
    var body = network.body;
    (data.clusters || []).forEach(function (c) {
      var children = {}, inner = {};
      c.members.forEach(function (id) { children[id] = body.nodes[id]; clusterOf[id] = c.id; });
      c.members.forEach(function (id) {
        body.nodes[id].edges.forEach(function (edge) {
          if (clusterOf[edge.fromId] === c.id && clusterOf[edge.toId] === c.id) {
            inner[edge.id] = edge;
          }
        });
      });
      clusterData[c.id] = c;
      // vis-network's clustering, given the members at once (cluster() would test
      // every node of the map against a condition, once per cluster)
      network.clustering._cluster(children, inner, {clusterNodeProperties: {
        id: c.id, label: c.label, title: c.title, x: c.x, y: c.y, size: c.size,
        shape: "dot", borderWidth: 4, borderWidthSelected: 5,
        color: {background: c.color, border: CLUSTER_BORDER,
                highlight: {background: c.color, border: CLUSTER_BORDER}},
        font: {size: baseFont.size, color: baseFont.color, strokeWidth: baseFont.strokeWidth,
               strokeColor: baseFont.strokeColor}
      }}, false);
    });
    if (data.clusters && data.clusters.length) { body.emitter.emit("_dataChanged"); }
  }
  function isClosedCluster(id) { return clusterData[id] !== undefined && !base[id] &&
                                        network.body.nodes[id] !== undefined; }
  function openGroup(id) {
    clusterData[id].members.forEach(function (m) { if (clusterOf[m] === id) { delete clusterOf[m]; } });
    // members go back where the layout has them (vis-network would stack them on the
    // cluster and leave them to physics, which is off)
    network.openCluster(id, {releaseFunction: function () {
      var at = {};
      clusterData[id].members.forEach(function (m) { at[m] = {x: base[m].x, y: base[m].y}; });
      return at;
    }});
    if (tableBox && tableBox.open) { fillTables(); }
  }
  // cluster labels at least 13.5 px on screen at the first view (members' labels show
  // once zoomed in so far that they are readable)
  function readableClusters() {
    var size = Math.ceil(13.5 / network.getScale());
    Object.keys(clusterData).forEach(function (id) {
      // as updateClusteredNode, without recomputing the clustering's state each time
      if (isClosedCluster(id)) { network.body.nodes[id].setOptions({font: {size: size}}); }
    });
    network.redraw();
  }
  closeClusters();
  var shown = {};  // id → "on" | "dim" | "hidden", what is drawn now
  var dimEdge = {};  // id → whether the tie is drawn dimmed
  var tableBox = document.getElementById("map-table-box");  // filled while open

  function byId(id) { return document.getElementById(id); }
  function isTheme(id) { return base[id].kind === "theme"; }

  // the node and its neighbours up to `depth` steps (not through a switched-off layer)
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
    if (state.hover) { return within(state.hover, 1); }
    return null;
  }

  function nodeLook(id, look) {
    var n = base[id];
    var dim = look === "dim";
    return {id: id, hidden: look === "hidden", color: dim ? DIM : n.color,
            font: {size: fontSize, color: dim ? DIM_TEXT : baseFont.color}};
  }

  function apply() {
    var set = lit();
    var changes = [];
    data.nodes.forEach(function (n) {
      var look = "on";
      if (!state.themes && n.kind === "theme") { look = "hidden"; }
      else if (set && !set[n.id]) { look = state.focus && state.hideRest ? "hidden" : "dim"; }
      if (shown[n.id] !== look) { shown[n.id] = look; changes.push(nodeLook(n.id, look)); }
    });
    if (changes.length) { nodes.update(changes); }
    var edgeChanges = [];
    data.edges.forEach(function (e) {
      var dim = Boolean(set && !(set[e.from] && set[e.to]));
      if (dimEdge[e.id] !== dim) {
        dimEdge[e.id] = dim;
        edgeChanges.push({id: e.id, color: dim ? DIM_EDGE : baseEdge[e.id].color});
      }
    });
    if (edgeChanges.length) { edges.update(edgeChanges); }
    if (tableBox && tableBox.open) { fillTables(); }
    document.body.dataset.focus = state.focus || "";
  }

  // --- the table of the visible nodes and ties (sortable by a header) ---
  var sorting = {"map-table": {key: "label", up: true}, "map-ties": {key: "from", up: true}};

  // the visible nodes and the closed clusters (a row each, with the ties that cross it)
  function visibleRows() {
    var visible = {}, ties = {}, nodeRows = [], tieRows = [];
    data.nodes.forEach(function (n) {
      if (shown[n.id] !== "hidden" && !clusterOf[n.id]) { visible[n.id] = true; }
    });
    function end(id) { return clusterOf[id] || (visible[id] ? id : null); }
    data.edges.forEach(function (e) {
      var from = end(e.from), to = end(e.to);
      if (!from || !to || from === to) { return; }
      ties[from] = (ties[from] || 0) + 1; ties[to] = (ties[to] || 0) + 1;
      if (visible[e.from] && visible[e.to]) {
        tieRows.push({id: e.id, from: base[e.from].label, type: e.type, to: base[e.to].label});
      }
    });
    Object.keys(clusterData).forEach(function (id) {
      if (!isClosedCluster(id)) { return; }
      nodeRows.push({id: id, label: clusterData[id].label.replace("\n", " — "),
                     kind: labels.cluster_kind || "", group: "", ties: ties[id] || 0});
    });
    var names = {};
    (data.legend || []).forEach(function (item) { names[item.group] = item.label || item.group; });
    data.nodes.forEach(function (n) {
      if (!visible[n.id]) { return; }
      nodeRows.push({id: n.id, label: n.label, kind: n.kind, group: names[n.group] || n.group,
                     ties: ties[n.id] || 0});
    });
    return {"map-table": nodeRows, "map-ties": tieRows};
  }

  function fillTable(tableId, rows) {
    var table = byId(tableId);
    if (!table) { return; }
    var how = sorting[tableId];
    var keys = [];
    table.querySelectorAll("th").forEach(function (th) {
      keys.push(th.dataset.key);
      th.setAttribute("aria-sort", th.dataset.key === how.key
        ? (how.up ? "ascending" : "descending") : "none");
    });
    rows.sort(function (a, b) {
      var x = a[how.key], y = b[how.key];
      var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "nl");
      return how.up ? order : -order;
    });
    var body = table.tBodies[0];
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
    table.replaceChild(fresh, body);
  }

  function fillTables() {
    var rows = visibleRows();
    fillTable("map-table", rows["map-table"]);
    fillTable("map-ties", rows["map-ties"]);
  }

  function sortBy(th) {
    var tableId = th.closest("table").id;
    var how = sorting[tableId];
    if (how.key === th.dataset.key) { how.up = !how.up; }
    else { how.key = th.dataset.key; how.up = true; }
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

  // --- search, focus, layers ---
  var message = byId("map-message");
  function say(text) { if (message) { message.textContent = text || ""; } }

  function focusNode(id) {
    if (clusterOf[id]) { openGroup(clusterOf[id]); }
    state.focus = id; state.hover = null;
    say("");
    apply();
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false});
  }

  function clearFocus() {
    state.focus = null; state.hover = null;
    network.unselectAll();
    apply();
  }

  function find(text) {
    var wanted = String(text || "").trim().toLowerCase();
    if (!wanted) { return null; }
    if (byLabel[wanted] !== undefined) { return byLabel[wanted]; }
    var hit = data.nodes.filter(function (n) {
      return String(n.label).toLowerCase().indexOf(wanted) >= 0;
    });
    return hit.length ? hit[0].id : null;
  }

  var names = byId("map-names");
  if (names) {
    data.nodes.map(function (n) { return String(n.label); }).sort().forEach(function (label) {
      var option = document.createElement("option");
      option.value = label;
      names.appendChild(option);
    });
  }
  var search = byId("map-search");
  function searched() {
    if (!search.value.trim()) { return; }
    var id = find(search.value);
    if (id === null) { say(labels.not_found); return; }
    if (!state.themes && isTheme(id)) { byId("map-themes").checked = true; state.themes = true; }
    focusNode(id);
  }
  if (search) {
    search.addEventListener("change", searched);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); searched(); }
    });
  }
  var depth = byId("map-depth");
  if (depth) {
    depth.addEventListener("change", function () {
      state.depth = parseInt(depth.value, 10) || 1; apply();
    });
  }
  var hideRest = byId("map-hide-rest");
  if (hideRest) {
    hideRest.addEventListener("change", function () { state.hideRest = hideRest.checked; apply(); });
  }
  var clear = byId("map-clear");
  if (clear) {
    clear.addEventListener("click", function () { if (search) { search.value = ""; } clearFocus(); });
  }
  var themes = byId("map-themes");
  if (themes) {
    themes.addEventListener("change", function () {
      state.themes = themes.checked;
      if (!state.themes && state.focus && isTheme(state.focus)) { state.focus = null; }
      apply();
    });
  }

  // --- views: the page's query (colour, size, filters) with focus and layers, by name,
  // kept per workspace on the server (data.saved_views); saved and deleted through the
  // page's own forms (data.views_save, with the page's CSRF token) ---
  function restore() {
    var params = new URLSearchParams(window.location.search);
    if (params.get("themes") === "off" && themes) { state.themes = false; themes.checked = false; }
    var steps = parseInt(params.get("depth"), 10);
    if (steps >= 1 && steps <= 3) { state.depth = steps; if (depth) { depth.value = String(steps); } }
    if (params.get("hide") === "yes") { state.hideRest = true; if (hideRest) { hideRest.checked = true; } }
    var focus = params.get("focus");
    return focus && base[focus] ? focus : null;
  }

  function viewQuery() {
    var params = new URLSearchParams(window.location.search);
    ["focus", "depth", "hide", "themes"].forEach(function (k) { params.delete(k); });
    if (state.focus) {
      params.set("focus", state.focus);
      params.set("depth", String(state.depth));
      if (state.hideRest) { params.set("hide", "yes"); }
    }
    if (!state.themes) { params.set("themes", "off"); }
    return params.toString();
  }

  var viewList = byId("map-views"), viewName = byId("map-view-name");
  var savedViews = data.saved_views || [];
  function listViews() {
    var here = window.location.search.replace(/^\?/, "");
    while (viewList.options.length > 1) { viewList.remove(1); }
    savedViews.forEach(function (view) {
      var option = document.createElement("option");
      option.value = view.name; option.textContent = view.name;
      option.selected = view.query === here;
      viewList.appendChild(option);
    });
  }
  function postView(action, fields) {
    var form = document.createElement("form"), token = document.querySelector("input[name=csrf_token]");
    form.method = "post"; form.action = data.views_save + action; form.hidden = true;
    fields.csrf_token = token ? token.value : "";
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = name; input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }
  if (data.views && viewList) {
    listViews();
    try {  // the view just saved (the page's form came back here): say so
      var saved = window.sessionStorage.getItem("grenswerk.saved");
      window.sessionStorage.removeItem("grenswerk.saved");
      if (saved && saved === viewList.value) {  // after the view's focus is restored
        network.once("afterDrawing", function () {
          window.setTimeout(function () { say(labels.view_saved); }, 0);
        });
      }
    } catch (e) { /* no storage */ }
    viewList.addEventListener("change", function () {
      var view = savedViews.filter(function (v) { return v.name === viewList.value; })[0];
      if (!view) { return; }
      window.location.href = window.location.pathname + (view.query ? "?" + view.query : "");
    });
  }
  if (data.views_save && viewList && viewName) {
    if (viewList.value) { viewName.value = viewList.value; }
    byId("map-view-save").addEventListener("click", function () {
      var name = viewName.value.trim();
      if (!name) { viewName.focus(); return; }
      try { window.sessionStorage.setItem("grenswerk.saved", name); } catch (e) { /* no storage */ }
      postView("", {name: name, query: viewQuery()});
    });
    byId("map-view-delete").addEventListener("click", function () {
      var name = viewList.value || viewName.value.trim();
      if (!name) { viewList.focus(); return; }
      postView("/delete", {name: name});
    });
  }

  // --- the panel, focus by double click, hover ---
  var panel = byId("panel");
  network.on("click", function (event) {
    if (!event.nodes.length) { panel.style.display = "none"; return; }
    if (isClosedCluster(event.nodes[0])) { openGroup(event.nodes[0]); return; }
    var node = nodes.get(event.nodes[0]);
    byId("panel-name").textContent = node.label;
    byId("panel-body").textContent = node.title;
    var link = byId("panel-link");
    if (link) {
      link.href = (data.node_link || "").replace("__ID__", encodeURIComponent(node.id));
      link.textContent = "›";
    }
    panel.style.display = "block";
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length && base[event.nodes[0]]) { focusNode(event.nodes[0]); }
  });
  if (data.nodes.length <= 1500) {
    network.on("hoverNode", function (event) {
      if (state.focus || !base[event.node]) { return; }
      state.hover = event.node; apply();
    });
    network.on("blurNode", function () {
      if (state.focus || !state.hover) { return; }
      state.hover = null; apply();
    });
  }

  // --- readable labels: never below 12 px on screen at the first view (vis-network
  // draws a label only from 12 px on: options.nodes.scaling.label.drawThreshold) ---
  function readable() {
    if (Object.keys(clusterData).length) { readableClusters(); return; }
    var scale = network.getScale();
    if (scale * fontSize < 13) {
      fontSize = Math.min(Math.ceil(13.5 / scale), 2 * baseFont.size);
      nodes.update(data.nodes.map(function (n) { return nodeLook(n.id, shown[n.id]); }));
      if (scale * fontSize < 13) {
        network.moveTo({scale: 13.5 / fontSize, animation: false});
      }
    }
  }

  // as drawn at first: every node on, every tie in its own colour (so the first apply()
  // changes nothing it need not)
  data.nodes.forEach(function (n) { shown[n.id] = "on"; });
  data.edges.forEach(function (e) { dimEdge[e.id] = false; });
  network.once("afterDrawing", function () {
    document.body.dataset.drawn = "yes";
    network.setOptions({physics: false});
    var route = data.nodes.filter(function (n) { return n.borderWidth; });
    network.fit({nodes: route.map(function (n) { return n.id; }), animation: false});
    readable();
    var restored = restore();
    if (restored) { focusNode(restored); } else { apply(); }
    document.body.dataset.stable = "yes";
  });
  window.grenswerkMap = {
    network: network, nodes: nodes, edges: edges, data: data, state: state,
    fontSize: function () { return fontSize; }, focus: focusNode, clear: clearFocus,
    clusterOf: clusterOf, openGroup: openGroup
  };
})();
