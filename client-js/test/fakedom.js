// A minimal fake DOM and window, and boot(): the whole client (app.js) on
// them, for the unit tests. Not a test file itself.
import {createApp} from '../src/app.js';
import {readConfig} from '../src/config.js';
// The modules app.js imports lazily, loaded here so that their dynamic
// imports resolve within settle().
import '../src/errors.js';
import '../src/patch.js';
import '../src/nav.js';
import '../src/wildcards.js';
import '../src/clientside.js';
import '../src/checklist.js';

export class FakeNode {
  constructor() { this.childNodes = []; this.parentNode = null; }
  append(...nodes) { for (const n of nodes) { n.remove(); n.parentNode = this; this.childNodes.push(n); } }
  remove() {
    if (!this.parentNode) return;
    const c = this.parentNode.childNodes;
    c.splice(c.indexOf(this), 1);
    this.parentNode = null;
  }
  replaceChildren(...nodes) { [...this.childNodes].forEach(c => c.remove()); this.append(...nodes); }
  get firstChild() { return this.childNodes[0] || null; }
  get isConnected() { return this.parentNode ? this.parentNode.isConnected : this.root === true; }
  get textContent() { return this.childNodes.map(c => c.textContent).join(''); }
  set textContent(v) { this.replaceChildren(new FakeText(String(v))); }
}
export class FakeText extends FakeNode {
  constructor(data) { super(); this.data = data; }
  get textContent() { return this.data; }
}
export class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.attrs = new Map();
    this.listeners = {};
    this.selected = false;
    this.valueWrites = 0;
    this._value = '';
    const style = {};
    Object.defineProperty(style, 'setProperty', {value: (k, v) => { style[k] = v; }});
    Object.defineProperty(style, 'cssText', {set: () => {}, get: () => ''});
    this.style = style;
  }
  setAttribute(k, v) { this.attrs.set(k.toLowerCase(), String(v)); }
  getAttribute(k) { return this.attrs.has(k.toLowerCase()) ? this.attrs.get(k.toLowerCase()) : null; }
  removeAttribute(k) { this.attrs.delete(k.toLowerCase()); if (k === 'style') Object.keys(this.style).forEach(s => delete this.style[s]); }
  get id() { return this.getAttribute('id') || ''; }
  set id(v) { this.setAttribute('id', v); }
  get value() { return this._value; }
  set value(v) { this.valueWrites++; this._value = String(v); }
  addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); }
  removeEventListener(t, f) { this.listeners[t] = (this.listeners[t] || []).filter(g => g !== f); }
  fire(t, e = {}) { (this.listeners[t] || []).forEach(f => f({type: t, ...e})); }
  get options() { return this.childNodes.filter(c => c.tagName === 'OPTION'); }
  get selectedIndex() { return this.options.findIndex(o => o.selected); }
  set selectedIndex(i) { this.options.forEach((o, j) => { o.selected = j === i; }); }
  find(pred) {
    for (const c of this.childNodes) {
      if (!(c instanceof FakeElement)) continue;
      if (pred(c)) return c;
      const hit = c.find(pred);
      if (hit) return hit;
    }
    return null;
  }
}
export class FakeStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

export const PAGE_CONFIG = '{"url_base_pathname":null,"requests_pathname_prefix":"/","ui":false,"props_check":false,"suppress_callback_exceptions":false,"update_title":"Updating...","ferrodash":{"store_prefix":""}}';
export const html = (type, props) => ({type, namespace: 'dash_html_components', props});
export const dcc = (type, props) => ({type, namespace: 'dash_core_components', props});
export const spec = (output, inputs, state = [], prevent = false) => ({
  output, prevent_initial_call: prevent, clientside_function: null, no_output: false,
  inputs: inputs.map(s => ({id: s.split('.')[0], property: s.split('.')[1]})),
  state: state.map(s => ({id: s.split('.')[0], property: s.split('.')[1]})),
});
export const settle = async () => { for (let i = 0; i < 6; i++) await new Promise(r => setTimeout(r, 0)); };

// window.location and history for one origin; pushState moves the location.
export function fakeLocation(href, win) {
  const loc = {
    assigned: [],
    assign(url) { this.assigned.push(url); },
    set(url) {
      const u = new URL(url, this.href);
      Object.assign(this, {href: u.href, origin: u.origin, pathname: u.pathname, search: u.search, hash: u.hash});
    },
  };
  loc.set(href);
  const history = {pushed: [], pushState(s, t, url) { this.pushed.push(url); loc.set(url); }, back(url) { loc.set(url); win.fire('popstate'); }};
  return {loc, history};
}

// Timers under the test's control: tick(ms) runs what would have fired.
export function fakeTimers() {
  let now = 0, next = 1;
  const timers = new Map();
  return {
    timers,
    setInterval: (f, ms) => { timers.set(next, {f, ms: Math.max(ms, 1), at: now + Math.max(ms, 1)}); return next++; },
    clearInterval: id => { timers.delete(id); },
    tick(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        now = due[1].at;
        due[1].at += due[1].ms;
        due[1].f();
      }
      now = end;
    },
  };
}

export function boot({layout, deps, handler = () => ({status: 204}), local = new FakeStorage(), config = PAGE_CONFIG, href = 'http://app.test/', clientside}) {
  const doc = {
    title: 'App',
    createElement: t => new FakeElement(t),
    createTextNode: s => new FakeText(s),
    body: Object.assign(new FakeElement('body'), {root: true}),
  };
  const root = new FakeElement('div');
  doc.body.append(root);
  const on = {storage: []}, listeners = on.storage;
  const timers = fakeTimers();
  const win = {
    localStorage: local, sessionStorage: new FakeStorage(),
    addEventListener: (t, f) => (on[t] = on[t] || []).push(f),
    removeEventListener: (t, f) => { const l = on[t] || []; if (l.includes(f)) l.splice(l.indexOf(f), 1); },
    dispatchEvent: e => (on[e.type] || []).slice().forEach(f => f(e)),
    fire: type => win.dispatchEvent({type}),
    CustomEvent: class { constructor(type) { this.type = type; } },
    scrollTo: () => {},
    setInterval: timers.setInterval, clearInterval: timers.clearInterval,
    dash_clientside: clientside,
  };
  const {loc, history} = fakeLocation(href, win);
  win.location = loc;
  win.history = history;
  const requests = [], logs = {error: [], warn: []};
  const post = async body => { requests.push(body); return handler(body); };
  const log = {error: m => logs.error.push(m), warn: m => logs.warn.push(m)};
  const app = createApp({config: readConfig(config), layout: structuredClone(layout), deps, root, doc, win, post, log});
  const started = app.start();
  const byId = id => root.find(e => e.id === id);
  const find = pred => root.find(pred);
  return {app, doc, root, win, on, listeners, timers, started, requests, logs, byId, find, local};
}
