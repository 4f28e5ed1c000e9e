/* geokg map: draws the graph data of this page with vis-network.
 * Every string that comes from articles is put into the page with textContent, never as
 * markup; tooltips are DOM elements handed to vis-network as node and edge titles. */
(function () {
  "use strict";

  var body = document.body;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fail(message) {
    var box = document.getElementById("error");
    box.textContent = "The map could not be drawn: " + message;
    box.hidden = false;
    body.setAttribute("data-state", "error");
  }

  window.addEventListener("error", function (event) {
    fail(String(event.message || event.error || "unknown error"));
  });

  var data = JSON.parse(document.getElementById("geokg-data").textContent);
  // a large map (data.large) shows the largest connected part, its communities collapsed into
  // cluster nodes; the smaller connected parts are behind the "minor" toggle
  var large = data.large;
  var showMinor = false;
  function inView(id) { return !large || showMinor || data.nodeInfo[id].main; }
  document.getElementById("summary").textContent = data.summary;

  if (!data.nodes.length) {
    document.getElementById("empty").hidden = false;
    body.setAttribute("data-state", "empty");
    return;
  }
  if (typeof vis === "undefined" || !vis.Network) {
    fail("the vis-network script is missing from the page.");
    return;
  }

  function status(text) {
    document.getElementById("status").textContent = text;
  }

  function joined(parts) {
    return parts.filter(function (part) { return part !== null && part !== undefined && part !== ""; }).join(" · ");
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function dateRange(first, last) {
    if (!first && !last) return null;
    if (!first || !last || first === last) return first || last;
    return first + " – " + last;
  }

  // ---------------------------------------------------------------- tooltips

  function nodeTooltip(info) {
    var tip = element("div", "tip");
    tip.appendChild(element("div", "tip-head", info.label));
    tip.appendChild(element("div", "tip-meta", joined([
      info.type, info.sector ? "sector " + info.sector : null, info.country,
      info.wikidata ? "Wikidata " + info.wikidata : null
    ])));
    tip.appendChild(element("div", "tip-meta", joined([
      plural(info.relations, "related actor", "related actors"),
      plural(info.statements, "statement", "statements")
    ])));
    return tip;
  }

  function edgeTooltip(edge, info) {
    var tip = element("div", "tip");
    var head = element("div", "tip-head");
    head.appendChild(element("span", null, data.nodeInfo[edge.from].label + " "));
    if (info.negated) head.appendChild(element("span", "not", "not "));
    head.appendChild(element("span", null,
      info.text.replace(/^not /, "") + (info.symmetric ? " ↔ " : " → ")));
    head.appendChild(element("span", null, data.nodeInfo[edge.to].label));
    tip.appendChild(head);
    tip.appendChild(element("div", "tip-meta", joined([
      info.quad, info.plover, info.modality !== "actual" ? info.modality : null,
      plural(info.statements, "statement", "statements"),
      plural(info.sources, "article", "articles"),
      dateRange(info.firstDate, info.lastDate),
      info.confidence !== null ? "confidence " + info.confidence.toFixed(2) : null
    ])));
    if (info.evidence.length) {
      var list = element("ol", "tip-list");
      info.evidence.forEach(function (item) {
        var entry = element("li");
        entry.appendChild(element("span", "tip-sentence", "“" + item.sentence + "”"));
        entry.appendChild(element("span", "tip-source", joined([
          item.docId, item.headline ? "“" + item.headline + "”" : null, item.source,
          item.attributedTo ? "according to " + item.attributedTo : null, item.date,
          item.confidence !== null ? "confidence " + item.confidence.toFixed(2) : null
        ])));
        list.appendChild(entry);
      });
      tip.appendChild(list);
      if (info.statements > info.evidence.length) {
        tip.appendChild(element("div", "tip-meta",
          "… and " + (info.statements - info.evidence.length) + " more"));
      }
    }
    return tip;
  }

  data.nodes.forEach(function (node) { node.title = nodeTooltip(data.nodeInfo[node.id]); });
  data.edges.forEach(function (edge) { edge.title = edgeTooltip(edge, data.edgeInfo[edge.id]); });

  // ---------------------------------------------------------------- filtered views

  var active = {};
  data.predicates.forEach(function (p) { active[p.name] = true; });
  var negatedOn = true;
  var degree = {};

  // the date filter: an edge is shown when the dates of its statements meet the range (a
  // partial date "2020" or "2020-09" covers its whole year or month); undated edges always
  var lower = "";
  var upper = "";
  function periodStart(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function periodEnd(d) { return d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d; }
  function inDates(info) {
    if (!info.firstDate && !info.lastDate) return true;
    var first = periodStart(info.firstDate || info.lastDate);
    var last = periodEnd(info.lastDate || info.firstDate);
    return (!lower || last >= lower) && (!upper || first <= upper);
  }

  function shown(edge) {
    var info = data.edgeInfo[edge.id];
    return active[info.predicate] === true && (negatedOn || !info.negated) && inDates(info) && inView(edge.from);
  }

  // relations between the same two actors: drawn one by one while there is one, as one
  // bundled line with their count (and every relation in its tooltip) when there are several
  var pairOf = {};
  var members = {};
  data.edges.forEach(function (edge) {
    var key = edge.from < edge.to ? edge.from + "~" + edge.to : edge.to + "~" + edge.from;
    pairOf[edge.id] = key;
    (members[key] = members[key] || []).push(edge);
  });
  var visibleInPair = {};

  function recount() {
    degree = {};
    visibleInPair = {};
    data.edges.forEach(function (edge) {
      if (!shown(edge)) return;
      degree[edge.from] = (degree[edge.from] || 0) + 1;
      degree[edge.to] = (degree[edge.to] || 0) + 1;
      visibleInPair[pairOf[edge.id]] = (visibleInPair[pairOf[edge.id]] || 0) + 1;
    });
  }

  function bundleTooltip(key) {
    var tip = element("div");
    var shownMembers = members[key].filter(shown);
    tip.appendChild(element("div", "tip-meta", plural(shownMembers.length, "relation", "relations") +
      " between these two actors (switch relations off in the panel to draw them one by one):"));
    shownMembers.forEach(function (edge) { tip.appendChild(edgeTooltip(edge, data.edgeInfo[edge.id])); });
    return tip;
  }

  function bundleEdges() {
    return Object.keys(members).filter(function (key) { return members[key].length > 1; }).map(function (key) {
      var first = members[key][0];
      return { id: "bundle:" + key, from: first.from, to: first.to, bundle: key, width: 3,
        color: { color: "#888888", highlight: "#555555", hover: "#555555" }, font: { size: 12, strokeWidth: 3 } };
    });
  }

  function drawn(edge) {
    if (edge.bundle !== undefined) return (visibleInPair[edge.bundle] || 0) > 1;
    return shown(edge) && (visibleInPair[pairOf[edge.id]] || 0) < 2;
  }

  function relabelBundles() {
    edges.update(bundleEdges().filter(function (b) { return drawn(b); }).map(function (b) {
      return { id: b.id, label: "×" + visibleInPair[b.bundle], title: bundleTooltip(b.bundle) };
    }));
  }
  recount();

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges.concat(bundleEdges()));
  var edgeView = new vis.DataView(edges, { filter: drawn });
  relabelBundles();
  var nodeView = new vis.DataView(nodes, {
    filter: function (node) {
      return inView(node.id) && (data.nodeInfo[node.id].isolated || degree[node.id] > 0);
    }
  });

  var network = null;

  function refresh() {
    // communities are opened while the views change, then those that were closed close again
    if (network !== null) openClusters();
    recount();
    relabelBundles();
    edgeView.refresh();
    nodeView.refresh();
    if (network !== null) closeClusters();
    if (network !== null && nodeView.length > 0) network.fit({ animation: false });  // re-frame what is left
  }

  // ---------------------------------------------------------------- side panel

  var filters = document.getElementById("filters");
  var boxes = [];
  data.predicates.forEach(function (p) {
    var row = element("label");
    var box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { active[p.name] = box.checked; refresh(); });
    boxes.push({ box: box, name: p.name });
    var swatch = element("span", "swatch");
    swatch.style.backgroundColor = p.color;
    row.appendChild(box);
    row.appendChild(swatch);
    row.appendChild(element("span", null, p.label));
    row.appendChild(element("span", "count", p.relations));
    filters.appendChild(row);
  });
  if (data.negatedShown) {
    var row = element("label");
    var box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { negatedOn = box.checked; refresh(); });
    row.appendChild(box);
    row.appendChild(element("span", null, "show negated relations"));
    filters.appendChild(row);
  }

  function setAll(on) {
    boxes.forEach(function (entry) { entry.box.checked = on; active[entry.name] = on; });
    refresh();
  }
  document.getElementById("all").addEventListener("click", function () { setAll(true); });
  document.getElementById("none").addEventListener("click", function () { setAll(false); });

  // ---------------------------------------------------------------- search and dates

  var search = document.getElementById("search");
  var names = document.getElementById("actors");
  var byLabel = {};
  data.nodes.forEach(function (node) {
    var label = String(node.label || node.id);
    byLabel[label.toLowerCase()] = node.id;
    var option = element("option");
    option.value = label;
    names.appendChild(option);
  });

  function findActor(text) {
    var wanted = String(text || "").trim().toLowerCase();
    if (!wanted) return null;
    if (Object.prototype.hasOwnProperty.call(byLabel, wanted)) return byLabel[wanted];
    var labels = Object.keys(byLabel).sort();
    var hit = labels.filter(function (l) { return l.indexOf(wanted) === 0; })[0] ||
      labels.filter(function (l) { return l.indexOf(wanted) >= 0; })[0];
    return hit === undefined ? null : byLabel[hit];
  }

  search.addEventListener("change", function () {
    var id = findActor(search.value);
    if (id !== null && !inView(id)) setMinor(true);
    if (id !== null) openAround(id);
    if (id === null || nodeView.get(id) === null) {
      status(search.value ? "no actor on the map is named “" + search.value + "”" : "");
      return;
    }
    status("");
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400 } });
  });

  var since = document.getElementById("since");
  var until = document.getElementById("until");
  var dated = data.edgeInfo.filter(function (info) { return info.firstDate || info.lastDate; });
  document.getElementById("dates").hidden = dated.length === 0;
  [since, until].forEach(function (input) {
    input.addEventListener("change", function () {
      lower = since.value || "";
      upper = until.value || "";
      refresh();
    });
  });

  var legend = document.getElementById("legend");
  function legendRow(marker, text) {
    var row = element("div", "legend-row");
    row.appendChild(marker);
    row.appendChild(element("span", null, text));
    legend.appendChild(row);
  }
  data.legend.types.forEach(function (t) {
    var dot = element("span", t.shape === "diamond" ? "dot diamond" : "dot");
    dot.style.backgroundColor = t.color;
    legendRow(dot, t.label);
  });
  data.legend.quads.forEach(function (q) {
    var swatch = element("span", "swatch");
    swatch.style.backgroundColor = q.color;
    legendRow(swatch, q.label);
  });
  legendRow(element("span", "line"), "solid: happened (actual)");
  if (data.legend.modalities.indexOf("intended") >= 0) {
    var dashed = element("span", "line");
    dashed.style.borderTopStyle = "dashed";
    legendRow(dashed, "long dashes: intended or planned");
  }
  if (data.legend.modalities.indexOf("possible") >= 0) {
    var short = element("span", "line");
    short.style.borderTopStyle = "dashed";
    short.style.borderTopWidth = "1px";
    legendRow(short, "short dashes: possible");
  }
  if (data.negatedShown) {
    var dotted = element("span", "line");
    dotted.style.borderTopStyle = "dotted";
    dotted.style.borderTopColor = "#7b1fa2";
    legendRow(dotted, "purple dots, “not …”: negated");
  }
  legend.appendChild(element("p", "note",
    "Arrows point from the actor who acts to the actor acted on; mutual relations have none. " +
    "Node size: how many actors an actor is related to. Line width: how many articles say it."));

  // ---------------------------------------------------------------- network

  network = new vis.Network(
    document.getElementById("network"), { nodes: nodeView, edges: edgeView }, data.options
  );
  // ---------------------------------------------------------------- communities (large maps)

  var communityOf = {};
  var closed = {};  // community number → true while it is drawn as one cluster node
  var home = {};
  var central = {};
  data.nodes.forEach(function (node) { home[node.id] = { x: node.x, y: node.y }; });
  if (large) {
    large.communities.forEach(function (members, number) {
      members.forEach(function (id) { communityOf[id] = number; });
      closed[number] = true;
    });
    large.central.forEach(function (id) { central[id] = true; });
  }
  // the labels of the largest communities keep their size on screen (kg.render.large.COMMUNITY_LABELS);
  // the others are sized in canvas units, like the actors', and appear as the view zooms in
  var clusterFont = 18;
  function clusterSize(number, members, far) {
    return number < large.communityLabels ? clusterFont * far : Math.round(12 + 3 * Math.sqrt(members));
  }

  function clusterId(number) { return "community:" + number; }
  function isClusterNode(id) {  // (network.isCluster logs an error for a node that is not there)
    return network.clustering.body.nodes[id] !== undefined && network.isCluster(id);
  }

  function communityTooltip(members) {
    var tip = element("div", "tip");
    tip.appendChild(element("div", "tip-head", plural(members.length, "actor", "actors") + " around " +
      data.nodeInfo[members[0]].label));
    tip.appendChild(element("div", "tip-meta", members.slice(0, 12).map(function (id) {
      return data.nodeInfo[id].label;
    }).join(" · ") + (members.length > 12 ? " …" : "")));
    tip.appendChild(element("div", "tip-meta", "Click to open this community; double-click one of its actors to close it again."));
    return tip;
  }

  // many communities open or close at once: vis-network recomputes what it draws once, at the
  // end (the second arguments of cluster and openCluster), not after each
  function redrawClusters() { network.body.emitter.emit("_dataChanged"); }

  function closeCommunity(number, batch) {
    var members = large.communities[number].filter(function (id) { return nodeView.get(id) !== null; });
    if (members.length < 2 || isClusterNode(clusterId(number))) return;
    var lead = data.nodes[members[0]];
    var x = 0;
    var y = 0;
    members.forEach(function (id) { x += home[id].x; y += home[id].y; });
    x = Math.round(x / members.length);  // (vis-network keeps a cluster's position in whole units)
    y = Math.round(y / members.length);
    network.cluster({
      joinCondition: function (node) { return communityOf[node.id] === number; },
      clusterNodeProperties: {
        id: clusterId(number), x: x, y: y, community: number, centre: { x: x, y: y },
        label: lead.label + " +" + (members.length - 1), title: communityTooltip(members),
        shape: "dot", size: Math.round(16 + 8 * Math.sqrt(members.length)), borderWidth: 3,  // kg.render.large.cluster_radius
        color: { background: lead.color.background, border: "#333333",
          highlight: { background: lead.color.background, border: "#000000" },
          hover: { background: lead.color.background, border: "#000000" } },
        font: { size: clusterSize(number, members.length, farFactor), strokeWidth: 4 }
      },
      clusterEdgeProperties: { color: { color: "#b0b0b0", opacity: 0.6 }, dashes: false, label: undefined,
        arrows: { to: { enabled: false } } }
    }, batch !== true);
  }

  function openCommunity(number, batch) {
    var id = clusterId(number);
    if (!isClusterNode(id)) return;
    var centre = network.clustering.body.nodes[id].options.centre;
    network.openCluster(id, {
      // members go back to their own places, moved as far as the cluster node was dragged
      releaseFunction: function (at, positions) {
        var placed = {};
        Object.keys(positions).forEach(function (member) {
          placed[member] = { x: home[member].x + at.x - centre.x, y: home[member].y + at.y - centre.y };
        });
        return placed;
      }
    }, batch !== true);
  }

  function openClusters() {
    Object.keys(closed).forEach(function (number) { openCommunity(Number(number), true); });
    redrawClusters();
  }

  function closeClusters() {
    Object.keys(closed).forEach(function (number) { if (closed[number]) closeCommunity(Number(number), true); });
    redrawClusters();
    readableLabels(true);
  }

  function setAllClosed(on) {
    openClusters();
    Object.keys(closed).forEach(function (number) { closed[number] = on; });
    closeClusters();
    network.fit({ animation: false });
  }

  function openAround(id) {
    var number = communityOf[id];
    if (number === undefined || !closed[number]) return;
    closed[number] = false;
    openCommunity(number);
  }

  function setMinor(on) {
    showMinor = on;
    document.getElementById("minor").checked = on;
    refresh();
  }

  // labels of the more connected actors keep a readable size on screen when the view is zoomed
  // out to fit a large graph or a narrow window: their font grows as the scale shrinks (up to
  // 3x); the labels of the least connected ones stay as they are and drop out below the
  // drawing threshold, so the labels do not crowd. On a large map the most central actors and
  // the communities keep the size of their labels on screen at every zoom.
  var baseFont = {};
  data.nodes.forEach(function (node) { baseFont[node.id] = (node.font && node.font.size) || 14; });
  var labelFactor = 1;
  var farFactor = 1;
  function readableLabels(force) {
    var scale = network.getScale();
    if (!(scale > 0)) return;
    var factor = Math.round(4 * Math.min(3, Math.max(1, 1 / scale))) / 4;
    var far = Math.pow(1.25, Math.round(Math.log(Math.max(1, 1 / scale)) / Math.log(1.25)));
    if (factor === labelFactor && far === farFactor && force !== true) return;
    labelFactor = factor;
    farFactor = far;
    // the fonts are set on the drawn nodes themselves: an update of the data set (or
    // updateClusteredNode) makes vis-network re-check every cluster, for seconds on a large map
    var drawnNodes = network.body.nodes;
    data.nodes.forEach(function (node) {
      if (central[node.id] || (!large && baseFont[node.id] >= 14)) {
        var size = baseFont[node.id] * (central[node.id] ? far : factor);
        if (drawnNodes[node.id] !== undefined) drawnNodes[node.id].setOptions({ font: { size: size } });
      }
    });
    Object.keys(closed).forEach(function (number) {
      var id = clusterId(number);
      if (isClusterNode(id)) {
        drawnNodes[id].setOptions({ font: { size: clusterSize(number, large.communities[number].length, far) } });
      }
    });
    network.redraw();
  }
  network.on("zoom", readableLabels);
  // fit, focus (the search box) and moveTo change the scale without a zoom event
  network.on("afterDrawing", function () { readableLabels(); });
  if (large) {
    closeClusters();
    network.fit({ animation: false });
    network.on("click", function (params) {
      if (params.nodes.length === 1 && isClusterNode(params.nodes[0])) {
        var number = network.clustering.body.nodes[params.nodes[0]].options.community;
        closed[number] = false;
        openCommunity(number);
      }
    });
    network.on("doubleClick", function (params) {
      var number = params.nodes.length === 1 ? communityOf[params.nodes[0]] : undefined;
      if (number !== undefined && !closed[number]) {
        closed[number] = true;
        closeCommunity(number);
        readableLabels(true);
      }
    });
    document.getElementById("open-all").addEventListener("click", function () { setAllClosed(false); });
    document.getElementById("close-all").addEventListener("click", function () { setAllClosed(true); });
    var minor = document.getElementById("minor");
    minor.addEventListener("change", function () { setMinor(minor.checked); });
    document.getElementById("minor-text").textContent = "show the " +
      plural(large.minorActors, "actor", "actors") + " outside the largest connected part (" +
      plural(large.minorGroups, "small group", "small groups") + ")";
    document.getElementById("large-note").textContent = "The largest connected part: " +
      plural(large.mainActors, "actor", "actors") + ", " +
      plural(large.communities.length, "community", "communities") +
      " drawn as large circles. Click a circle to open it; double-click an actor to close its community again.";
    document.getElementById("large").hidden = false;
  }
  network.once("afterDrawing", function () {
    readableLabels();
    if (body.getAttribute("data-state") === "loading") body.setAttribute("data-state", "drawn");
  });
  if (data.physics) {
    status("laying out…");
    network.on("stabilizationProgress", function (progress) {
      status("laying out… " + Math.round(100 * progress.iterations / progress.total) + "%");
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      status("");
    });
  }
  window.geokgNetwork = network;
})();
