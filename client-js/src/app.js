// Wires layout, renderer, stores and the callback scheduler together. The one
// setProps path here is shared by user events and Store writes (dcc-store §3).
import {equals} from './equals.js';
import {stringifyId, propId} from './ids.js';
import {indexIds, unindexIds} from './layout.js';
import {buildGraph, Scheduler} from './callbacks.js';
import {createRenderer} from './render.js';
import {componentFor} from './components.js';
import {createErrorPanel} from './errors.js';
import {clientside} from './clientside.js';
import {isPatch, applyPatch} from './patch.js';

/* env: {config, layout, deps, root, doc, win, post(body), log (console)} */
export function createApp({config, layout, deps, root, doc, win, post, log = console}) {
  const ids = new Map();
  const panel = createErrorPanel(doc);
  // A warning goes to the console; to the page too when it matters to the user
  // (a store that overflowed its storage) or in development mode (ui).
  const warn = (m, visible) => { log.warn(m); if (visible || config.ui) panel.show(m); };
  const graph = buildGraph(deps, warn);
  let savedTitle = null;

  const host = {
    exists: idStr => ids.has(idStr),
    value: (idStr, prop) => { const n = ids.get(idStr); return n ? n.props[prop] : undefined; },
    post,
    clientside: (cb, body) => clientside(win, cb, body),
    error(message) { log.error(message); panel.show(message); },
    busy(on) {
      if (!config.updateTitle) return;
      if (on) { savedTitle = doc.title; doc.title = config.updateTitle; }
      else if (savedTitle !== null) { doc.title = savedTitle; savedTitle = null; }
    },
    // A callback output: applied as is, and (in the scheduler) it triggers its
    // listeners even when the value did not change.
    apply(idStr, props, preds) {
      const node = ids.get(idStr);
      if (!node) return [];
      for (const k of Object.keys(props)) if (isPatch(props[k])) props[k] = applyPatch(node.props[k], props[k]);
      if ('children' in props) {
        unindexIds(ids, node.props.children);
        node.props.children = props.children;
        scheduler.addLayout(indexIds(ids, props.children, warn), true, preds);
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
    start() {
      const order = indexIds(ids, layout, warn);
      if (config.ui && !config.raw.suppress_callback_exceptions) {
        for (const cb of graph.callbacks) {
          for (const d of [...cb.outputs, ...cb.inputs, ...cb.state]) {
            if (!ids.has(d.idStr)) warn(`ferrodash: callback ${cb.output} uses id "${d.idStr}", which is not in the layout`);
          }
        }
      }
      // Initial calls are queued before rendering so that Store mount-time
      // setProps merges into them (dcc-store §4).
      scheduler.addLayout(order);
      root.replaceChildren();
      renderer.mountChildren(root, layout);
      scheduler.schedule();
    },
  };
}
