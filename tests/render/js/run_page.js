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
for (const id of ["summary", "status", "empty", "error", "map", "network", "filters", "legend", "actors", "dates"]) {
  doc.register(id, new FakeElement("div"));
}
for (const id of ["all", "none"]) doc.register(id, new FakeElement("button"));
for (const id of ["search", "since", "until"]) doc.register(id, new FakeElement("input")).value = "";
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
