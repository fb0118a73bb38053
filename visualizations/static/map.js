// The interactive map: reads its data from the page (#map-data), draws it with vis-network.
(function () {
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("map"),
                                {nodes: nodes, edges: edges}, data.options);
  var panel = document.getElementById("panel");
  network.on("click", function (event) {
    if (!event.nodes.length) { panel.style.display = "none"; return; }
    var node = nodes.get(event.nodes[0]);
    document.getElementById("panel-name").textContent = node.label;
    document.getElementById("panel-body").textContent = node.title;
    var link = document.getElementById("panel-link");
    if (link) {
      link.href = (data.node_link || "").replace("__ID__", encodeURIComponent(node.id));
      link.textContent = "›";
    }
    panel.style.display = "block";
  });
  network.once("afterDrawing", function () { document.body.dataset.drawn = "yes"; });
  function settled() {
    // once laid out, the map holds still, so what a user clicks stays where it is
    network.setOptions({physics: false});
    document.body.dataset.stable = "yes";
  }
  if (data.options.physics.enabled) { network.once("stabilizationIterationsDone", settled); }
  else { network.once("afterDrawing", settled); }
  window.grenswerkMap = {network: network, nodes: nodes, edges: edges, data: data};
})();
