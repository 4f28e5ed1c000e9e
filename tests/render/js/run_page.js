// Run the inline scripts of a geokg HTML page with the real vis-network under node, then
// report as JSON what the page did. Usage: node run_page.js page.html [milliseconds]
"use strict";
const fs = require("fs");
const vm = require("vm");
const { FakeElement, makeDocument } = require("./fake_dom.js");

const page = fs.readFileSync(process.argv[2], "utf8");
const wait = Number(process.argv[3] || 1500);
const doc = makeDocument();
doc.body.setAttribute("data-state", /<body data-state="([a-z]+)"/.exec(page)[1]);
for (const id of ["summary", "status", "empty", "error", "map", "network", "filters", "legend", "actors", "dates",
  "large", "large-note", "minor-text"]) {
  doc.register(id, new FakeElement("div"));
}
for (const id of ["all", "none", "open-all", "close-all"]) doc.register(id, new FakeElement("button"));
for (const id of ["search", "since", "until", "minor"]) doc.register(id, new FakeElement("input")).value = "";
doc.getElementById("large").hidden = true;
doc.getElementById("empty").hidden = / id="empty" hidden>/.test(page);
doc.getElementById("error").hidden = true;
const data = doc.register("geokg-data", new FakeElement("script"));
data.ownText = /<script id="geokg-data" type="application\/json">([\s\S]*?)<\/script>/.exec(page)[1];

const problems = [];
const win = {
  document: doc,
  navigator: { userAgent: "node", maxTouchPoints: 0 },
  devicePixelRatio: 1,
  setTimeout, clearTimeout, setInterval, clearInterval,
  crypto: require("crypto").webcrypto,  // vis-network names cluster edges with random UUIDs
  requestAnimationFrame: (callback) => setTimeout(() => callback(Date.now()), 4),
  cancelAnimationFrame: (handle) => clearTimeout(handle),
  getComputedStyle: () => ({ getPropertyValue: () => "" }),
  addEventListener(type, handler) { if (type === "error") win.onPageError = handler; },
  removeEventListener() {},
  Element: FakeElement,
  HTMLElement: FakeElement,
  console: {
    log() {}, info() {}, debug() {},
    warn: (...args) => problems.push("console.warn: " + args.join(" ")),
    error: (...args) => problems.push("console.error: " + args.join(" ")),
  },
};
win.window = win;
win.self = win;
const context = vm.createContext(win);

function report(extra) {
  const text = (id) => doc.getElementById(id).textContent;
  const out = Object.assign({
    state: doc.body.getAttribute("data-state"),
    problems,
    errorShown: !doc.getElementById("error").hidden,
    emptyShown: !doc.getElementById("empty").hidden,
    summary: text("summary"),
    status: text("status"),
    filters: doc.getElementById("filters").childNodes.length,
    legend: text("legend"),
  }, extra || {});
  fs.writeSync(1, JSON.stringify(out) + "\n");
  process.exit(0);
}

// a large map: its communities, a click on one, a double-click on one of its actors, the
// toggle of the small groups, a search for an actor in a closed community, the filters
function largeMap(network) {
  const body = network.body;
  const clusters = () => body.nodeIndices.filter((id) => String(id).startsWith("community:"));
  const count = () => ({ nodes: body.nodeIndices.length, edges: body.edgeIndices.length, clusters: clusters().length });
  const data = JSON.parse(doc.getElementById("geokg-data").ownText);
  const out = { start: count(), panelShown: !doc.getElementById("large").hidden,
    note: doc.getElementById("large-note").textContent, toggle: doc.getElementById("minor-text").textContent };
  const fontAt = (id, scale) => {
    network.moveTo({ scale, animation: false });
    body.emitter.emit("zoom", { direction: "-", scale });
    return body.nodes[id].options.font.size * scale;  // on screen
  };
  const first = clusters()[0];
  out.clusterLabel = body.nodes[first].options.label;
  out.clusterTitle = body.nodes[first].getTitle().textContent;
  out.clusterLabelOnScreen = [fontAt(first, 1), fontAt(first, 0.04)];
  const number = Number(first.split(":")[1]);
  const members = data.large.communities[number];
  body.emitter.emit("click", { nodes: [first], edges: [] });
  out.afterClick = count();
  out.opened = members.every((id) => body.nodeIndices.includes(id));
  out.membersAtHome = members.every((id) => Math.abs(body.nodes[id].x - data.nodes[id].x) < 1e-6 &&
    Math.abs(body.nodes[id].y - data.nodes[id].y) < 1e-6);
  const lead = data.large.central.find((id) => body.nodeIndices.includes(id));
  out.centralLabelOnScreen = lead === undefined ? null : [fontAt(lead, 1), fontAt(lead, 0.04)];
  body.emitter.emit("doubleClick", { nodes: [members[1]], edges: [] });
  out.afterDoubleClick = count();
  const minor = doc.getElementById("minor");
  minor.checked = true;
  minor.fire("change");
  out.afterMinorOn = count();
  minor.checked = false;
  minor.fire("change");
  out.afterMinorOff = count();
  doc.getElementById("open-all").fire("click");
  out.afterOpenAll = count();
  doc.getElementById("close-all").fire("click");
  out.afterCloseAll = count();
  const hidden = data.large.communities[data.large.communities.length - 1][0];
  const search = doc.getElementById("search");
  search.value = data.nodeInfo[hidden].label;
  search.fire("change");
  out.searchedInCluster = { selected: network.getSelectedNodes(), visible: body.nodeIndices.includes(hidden), id: hidden };
  doc.getElementById("close-all").fire("click");
  const minorActor = data.nodeInfo.findIndex((info) => !info.main);
  search.value = data.nodeInfo[minorActor].label;
  search.fire("change");
  out.searchedMinor = { selected: network.getSelectedNodes(), toggle: minor.checked, id: minorActor };
  minor.checked = false;
  minor.fire("change");
  search.value = "";
  out.end = count();
  return out;
}

process.on("uncaughtException", (error) => {
  problems.push("uncaught: " + (error && error.message));
  report();
});

const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
for (const script of scripts) vm.runInContext(script, context, { filename: "page.js" });

setTimeout(() => {
  const network = win.geokgNetwork;
  if (!network) return report();
  const body = network.body;
  const title = (item) => {
    const t = item.getTitle();
    if (t === undefined || t === null) return null;
    return typeof t === "string" ? "STRING:" + t : t.textContent;
  };
  const out = {
    nodes: body.nodeIndices.length,
    edges: body.edgeIndices.length,
    physicsRunning: network.physics.physicsEnabled && network.physics.options.enabled,
    nodeTitles: body.nodeIndices.map((id) => title(body.nodes[id])),
    edgeTitles: body.edgeIndices.map((id) => title(body.edges[id])),
    bundles: body.edgeIndices.filter((id) => String(id).startsWith("bundle:"))
      .map((id) => ({ label: body.edges[id].options.label, title: title(body.edges[id]) })),
    positioned: body.nodeIndices.every((id) => Number.isFinite(body.nodes[id].x) && Number.isFinite(body.nodes[id].y)),
  };
  if (network.body.nodeIndices.some((id) => String(id).startsWith("community:"))) out.large = largeMap(network);
  const firstBox = doc.getElementById("filters").childNodes[0].childNodes[0];
  firstBox.checked = false;
  firstBox.fire("change");
  out.afterFirstOff = { nodes: body.nodeIndices.length, edges: body.edgeIndices.length };
  doc.getElementById("none").fire("click");
  out.afterNone = { nodes: body.nodeIndices.length, edges: body.edgeIndices.length };
  doc.getElementById("all").fire("click");
  out.afterAll = { nodes: body.nodeIndices.length, edges: body.edgeIndices.length };
  // zoomed far out, labels grow on the canvas to stay readable on screen
  const firstNode = () => network.body.nodes[body.nodeIndices[0]].options.font.size;
  network.moveTo({ scale: 1, animation: false });
  network.body.emitter.emit("zoom", { direction: "+", scale: 1 });
  out.labelSizeAtScale1 = firstNode();
  network.moveTo({ scale: 0.25, animation: false });
  network.body.emitter.emit("zoom", { direction: "-", scale: 0.25 });
  out.labelSizeZoomedOut = firstNode();
  // search: the first node's label, in other case, then a name that is not there
  const search = doc.getElementById("search");
  const label = String(body.nodes[body.nodeIndices[0]].options.label || "");
  search.value = label.toUpperCase();
  search.fire("change");
  out.searched = { label, selected: network.getSelectedNodes(), status: doc.getElementById("status").textContent };
  search.value = "no such actor";
  search.fire("change");
  out.searchMiss = doc.getElementById("status").textContent;
  // dates: a range after every statement leaves the undated edges only; clearing restores all
  out.datesShown = !doc.getElementById("dates").hidden;
  const since = doc.getElementById("since");
  since.value = "2999-01-01";
  since.fire("change");
  out.afterLateSince = { nodes: body.nodeIndices.length, edges: body.edgeIndices.length };
  since.value = "";
  since.fire("change");
  out.afterDatesCleared = { nodes: body.nodeIndices.length, edges: body.edgeIndices.length };
  report(out);
}, wait);
