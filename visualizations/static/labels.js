// The names on the map, written by us on vis-network's canvas after each drawing: never
// two on top of each other (the rule of visualizations/labels.py). Names are LABEL_PX
// high on screen at any zoom; in order of priority each goes below its shape, or else
// above, right or left of it, where its box (with PAD around it) touches no box already
// written and lies wholly on the canvas, outside the areas covered by the legend and the
// panel; where no side is free it is left out. Zoomed out only the most central names
// fit; zooming in makes room for more.
(function () {
  "use strict";
  var LABEL_PX = 13, LINE_PX = 16, GAP = 3, PAD = 2, CELL = 64;
  var SIDES = ["below", "above", "right", "left"], FREE_OVER = 12;
  var FONT = LABEL_PX + "px sans-serif";
  var widths = {};  // text → width in px at LABEL_PX
  var measurer = document.createElement("canvas").getContext("2d");

  function width(text) {
    var known = widths[text];
    if (known === undefined) {
      measurer.font = FONT;
      known = widths[text] = measurer.measureText(text).width;
    }
    return known;
  }

  // the box (with PAD around it) of a name on a side of a shape (as label_box)
  function box(x, y, radius, lines, side) {
    var w = 0, h = LINE_PX * lines.length, left, top;
    lines.forEach(function (line) { w = Math.max(w, width(line)); });
    if (side === "below") { left = x - w / 2; top = y + radius + GAP; }
    else if (side === "above") { left = x - w / 2; top = y - radius - GAP - h; }
    else if (side === "right") { left = x + radius + GAP; top = y - h / 2; }
    else { left = x - radius - GAP - w; top = y - h / 2; }
    return [left - PAD, top - PAD, left + w + PAD, top + h + PAD];
  }

  function overlap(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  // candidates: [{id, x, y, radius, text}] in screen px, in order of priority;
  // blocked: boxes no name may touch; shapes: boxes of the shapes drawn, which the first
  // FREE_OVER names may cover (the most central name stays, even in a crowd) and the rest
  // may not. Returns [{id, box, lines, side, x, top, align}].
  function place(candidates, screenWidth, screenHeight, blocked, shapes) {
    var cells = {}, shapeCells = {}, written = [];
    function keys(b, visit) {
      for (var i = Math.floor(b[0] / CELL); i <= Math.floor(b[2] / CELL); i++) {
        for (var j = Math.floor(b[1] / CELL); j <= Math.floor(b[3] / CELL); j++) {
          if (visit(i + "," + j) === false) { return false; }
        }
      }
      return true;
    }
    function clear(grid, b) {
      return keys(b, function (key) {
        var here = grid[key];
        if (!here) { return true; }
        for (var k = 0; k < here.length; k++) { if (overlap(b, here[k])) { return false; } }
        return true;
      });
    }
    function add(b) { keys(b, function (key) { (cells[key] = cells[key] || []).push(b); }); }
    (blocked || []).forEach(add);
    (shapes || []).forEach(function (b) {
      keys(b, function (key) { (shapeCells[key] = shapeCells[key] || []).push(b); });
    });
    candidates.forEach(function (c, rank) {
      var free = function (b) { return clear(cells, b) && (rank < FREE_OVER || clear(shapeCells, b)); };
      var lines = String(c.text).split("\n");
      for (var s = 0; s < SIDES.length; s++) {
        var b = box(c.x, c.y, c.radius, lines, SIDES[s]);
        if (b[0] < 0 || b[1] < 0 || b[2] > screenWidth || b[3] > screenHeight || !free(b)) {
          continue;
        }
        add(b);
        written.push({id: c.id, box: b, lines: lines, side: SIDES[s], top: b[1] + PAD,
                      x: SIDES[s] === "right" ? b[0] + PAD : SIDES[s] === "left" ? b[2] - PAD : c.x,
                      align: SIDES[s] === "right" ? "left" : SIDES[s] === "left" ? "right" : "center"});
        return;
      }
    });
    return written;
  }

  // write the placed names on the canvas (in screen px; ratio: the canvas's pixel ratio)
  function draw(ctx, ratio, written, colour, dimmed) {
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4;
    ctx.strokeStyle = "#ffffff";
    written.forEach(function (w) {
      ctx.fillStyle = dimmed && dimmed[w.id] ? "#8a929b" : colour;
      ctx.textAlign = w.align;
      w.lines.forEach(function (line, i) {
        var y = w.top + LINE_PX * i + LINE_PX / 2;
        ctx.strokeText(line, w.x, y);
        ctx.fillText(line, w.x, y);
      });
    });
    ctx.restore();
  }

  window.GrenswerkLabels = {place: place, draw: draw, width: width, LABEL_PX: LABEL_PX,
                            LINE_PX: LINE_PX, FONT: FONT};
})();
