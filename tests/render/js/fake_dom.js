// A small stand-in for a browser DOM, enough to run a geokg page's inline scripts under
// node: vis-network draws on a canvas context that accepts every call and draws nothing.
// Setting innerHTML to anything but "" throws, so a page that builds markup from data fails.
"use strict";

class Style {
  setProperty(name, value) { this[name] = value; }
  getPropertyValue(name) { return this[name] || ""; }
}

class FakeElement {
  constructor(tag) {
    this.tagName = String(tag || "").toUpperCase();
    this.nodeName = this.tagName;
    this.nodeType = 1;
    this.childNodes = [];
    this.parentNode = null;
    this.style = new Style();
    this.attributes = {};
    this.listeners = {};
    this.className = "";
    this.hidden = false;
    this.ownText = "";
    this.clientWidth = this.offsetWidth = 1000;
    this.clientHeight = this.offsetHeight = 700;
    this.classList = { add() {}, remove() {}, toggle() {}, contains() { return false; } };
  }
  get children() { return this.childNodes; }
  get firstChild() { return this.childNodes[0] || null; }
  get lastChild() { return this.childNodes[this.childNodes.length - 1] || null; }
  hasChildNodes() { return this.childNodes.length > 0; }
  appendChild(child) {
    if (child.parentNode) child.parentNode.removeChild(child);
    this.childNodes.push(child);
    child.parentNode = this;
    return child;
  }
  insertBefore(child, ref) {
    if (child.parentNode) child.parentNode.removeChild(child);
    const at = this.childNodes.indexOf(ref);
    if (at < 0) this.childNodes.push(child); else this.childNodes.splice(at, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild(child) {
    const at = this.childNodes.indexOf(child);
    if (at >= 0) this.childNodes.splice(at, 1);
    child.parentNode = null;
    return child;
  }
  contains(other) {
    for (let node = other; node; node = node.parentNode) if (node === this) return true;
    return false;
  }
  get textContent() { return this.ownText + this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(value) { this.childNodes = []; this.ownText = String(value); }
  get innerText() { return this.textContent; }
  set innerText(value) { this.textContent = value; }
  get innerHTML() { throw new Error("the page read innerHTML"); }
  set innerHTML(value) {
    if (value !== "") throw new Error("the page set innerHTML to " + String(value).slice(0, 60));
    this.childNodes = [];
    this.ownText = "";
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }
  hasAttribute(name) { return name in this.attributes; }
  addEventListener(type, handler) { (this.listeners[type] = this.listeners[type] || []).push(handler); }
  removeEventListener(type, handler) {
    const list = this.listeners[type] || [];
    const at = list.indexOf(handler);
    if (at >= 0) list.splice(at, 1);
  }
  fire(type) { (this.listeners[type] || []).slice().forEach((h) => h.call(this, { type, target: this })); }
  getBoundingClientRect() { return { left: 0, top: 0, right: 1000, bottom: 700, width: 1000, height: 700, x: 0, y: 0 }; }
  focus() {}
  blur() {}
  querySelector() { return null; }
  querySelectorAll() { return []; }
  getContext() { return fakeContext(); }
}

function fakeContext() {
  const known = {
    measureText: (text) => ({ width: 7 * String(text).length }),
    getImageData: () => ({ data: new Uint8ClampedArray(4) }),
    createLinearGradient: () => ({ addColorStop() {} }),
    createRadialGradient: () => ({ addColorStop() {} }),
    getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }),
    getLineDash: () => [],
    isPointInPath: () => false,
  };
  return new Proxy(known, {
    get(target, key) { return key in target ? target[key] : function () {}; },
    set(target, key, value) { target[key] = value; return true; },
  });
}

function makeDocument() {
  const byId = {};
  const doc = {
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (ns, tag) => new FakeElement(tag),
    createTextNode: (text) => { const node = new FakeElement("#text"); node.nodeType = 3; node.ownText = String(text); return node; },
    getElementById: (id) => byId[id] || null,
    addEventListener() {},
    removeEventListener() {},
    querySelector: () => null,
    querySelectorAll: () => [],
    body: new FakeElement("body"),
    head: new FakeElement("head"),
    documentElement: new FakeElement("html"),
    register(id, element) { element.id = id; byId[id] = element; this.body.appendChild(element); return element; },
  };
  doc.documentElement.appendChild(doc.body);
  return doc;
}

module.exports = { FakeElement, makeDocument };
