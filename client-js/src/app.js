// Wires layout, renderer, stores and the callback scheduler together. The one
// setProps path here is shared by user events and Store writes (dcc-store §3).
// Code only some pages need is imported when a page needs it: components
// other than html, Input, Dropdown and Store (see LAZY), and patch.js, for a
// layout or a response holding one; wildcards.js for pattern-matching
// callbacks; clientside.js at the first clientside call; errors.js at the
// first problem to show.
import {equals} from './equals.js';
import {stringifyId, propId} from './ids.js';
import {indexIds, unindexIds, crawl} from './layout.js';
import {buildGraph, Scheduler, updatesOf} from './callbacks.js';
import {createRenderer} from './render.js';
import {componentFor, DCC} from './components.js';

const LAZY = {Interval: 'nav', Location: 'nav', Link: 'nav', Checklist: 'checklist'};
// The modules of the dcc components in a value.
const lazyIn = v => {
  const out = new Set();
  crawl(v, n => { if (n.namespace === 'dash_core_components' && Object.hasOwn(LAZY, n.type)) out.add(LAZY[n.type]); });
  return out;
};
const isPatch = v => v !== null && typeof v === 'object' && v.__dash_patch_update === '__dash_patch_update';
// The prop values in a response's `response` or `sideUpdate`.
const valuesOf = o => updatesOf(o).flatMap(([, props]) => Object.values(props));

/* env: {config, layout, deps, root, doc, win, post(body), log (console)} */
export function createApp({config, layout, deps, root, doc, win, post, log = console}) {
  const ids = new Map(), mods = {}, waits = {};
  let panel, savedTitle = null, objs = null;
  // Imports a lazy module once; mods[name] is set when that settled (null
  // if it failed). Components it exports join the registry.
  const load = name => waits[name] || (waits[name] = import(`./${name}.js`)
    .catch(e => warn(`ferrodash: ${name}.js did not load: ${e.message}`))
    .then(m => { mods[name] = m || null; Object.assign(DCC, m && m.components); }));
  const show = m => load('errors').then(() => mods.errors && (panel = panel || mods.errors.createErrorPanel(doc)).show(m));
  // A warning goes to the console; to the page too when it matters to the user
  // (a store that overflowed its storage) or in development mode (ui).
  const warn = (m, visible) => { log.warn(m); if (visible || config.ui) show(m); };
  const graph = buildGraph(deps);

  const host = {
    exists: idStr => ids.has(idStr),
    value: (idStr, prop) => { const n = ids.get(idStr); return n ? n.props[prop] : undefined; },
    // Dict ids by key set for wildcards.js, rebuilt after the layout changed.
    objs: () => objs || (objs = graph.wc.index(layout)),
    post,
    // With patch.js: set_props may pass a Patch without a response to prepare for.
    clientside: (cb, body, io) => Promise.all([load('clientside'), load('patch')]).then(() => mods.clientside.clientside(win, cb, body, io)),
    // Dash shows callback errors only with its dev tools (ui); otherwise
    // they go to the console alone (unless `visible`: refused store data),
    // and the page goes on either way.
    error(message, visible) { log.error(message); if (visible || config.ui) show(message); },
    // After the requests that made the page busy are sent: writing the
    // title costs the browser about a millisecond, which the first callback
    // of a page need not wait for.
    busy(on) {
      if (!config.updateTitle) return;
      Promise.resolve().then(() => {
        if (on) { savedTitle = doc.title; doc.title = config.updateTitle; }
        else if (savedTitle !== null) { doc.title = savedTitle; savedTitle = null; }
      });
    },
    // A response that brings a Patch or a lazy component first waits for
    // the module that handles it.
    prepare(data) {
      const vals = [...valuesOf(data.sideUpdate), ...valuesOf(data.response)];
      const need = [...lazyIn(vals), ...(vals.some(isPatch) ? ['patch'] : [])].filter(m => !(m in mods));
      return need.length && Promise.all(need.map(load));
    },
    // A callback output: applied as is, and (in the scheduler) it triggers its
    // listeners even when the value did not change.
    apply(idStr, props, preds) {
      const node = ids.get(idStr);
      if (!node) return [];
      for (const k of Object.keys(props)) if (isPatch(props[k])) props[k] = mods.patch.applyPatch(node.props[k], props[k]);
      if ('children' in props) {
        const gone = unindexIds(ids, node.props.children);
        node.props.children = props.children;
        objs = null;
        scheduler.addLayout(indexIds(ids, props.children, warn), true, preds);
        scheduler.removed(gone.filter(k => !ids.has(k)), preds);
      }
      Object.assign(node.props, props);
      renderer.update(node, Object.keys(props));
      return Object.keys(props).map(k => propId(idStr, k));
    },
  };
  const scheduler = new Scheduler(graph, host);

  // Only props that really changed are kept; only those trigger callbacks.
  function setProps(node, props) {
    const changed = Object.keys(props).filter(k => !equals(node.props[k], props[k]));
    if (!changed.length) return;
    changed.forEach(k => { node.props[k] = props[k]; });
    const idStr = node.props.id == null ? null : stringifyId(node.props.id);
    if (idStr !== null && ids.get(idStr) === node) scheduler.trigger(changed.map(k => propId(idStr, k)));
    renderer.update(node, changed);
  }

  const storage = type => { try { return win[type + 'Storage'] || null; } catch { return null; } };
  const renderer = createRenderer({doc, win, setProps, warn, storage, storePrefix: config.storePrefix}, componentFor);

  return {
    ids, graph, scheduler, setProps,
    // Synchronous unless a lazy module is needed first.
    async start() {
      const need = [];
      if (graph.patterns.length) need.push(load('wildcards').then(() => { graph.wc = mods.wildcards; graph.patterns.forEach(graph.wc.prepare); }));
      lazyIn(layout).forEach(m => need.push(load(m)));
      // `running` values are applied without a response to prepare for.
      if (JSON.stringify(deps.map(d => d.running)).includes('"__dash_patch_update"')) need.push(load('patch'));
      if (need.length) await Promise.all(need);
      const order = indexIds(ids, layout, warn);
      if (config.ui && !config.raw.suppress_callback_exceptions) load('errors').then(() => mods.errors.checkIds(graph, ids, warn));
      // Initial calls are queued before rendering so that Store mount-time
      // setProps merges into them (dcc-store §4).
      scheduler.addLayout(order);
      root.replaceChildren();
      renderer.mountChildren(root, layout);
      scheduler.schedule();
    },
  };
}
