// The callback graph and the renderer algorithm of dash-wire-protocol.md §8:
// initial calls, dedupe, readiness, execution groups, latest-wins dispatch.
import {dep, parseCallbackId, isWildcard, parseId, splitPropId, stringifyId, cleanProp} from './ids.js';

const push = (map, k, v) => { (map.get(k) || map.set(k, []).get(k)).push(v); };

export function buildGraph(deps, warn = () => {}) {
  const g = {callbacks: [], inputMap: new Map(), byOutputId: new Map(), byInputId: new Map()};
  (deps || []).forEach((spec, index) => {
    const io = d => dep(d.id, d.property);
    const cb = {
      index, spec, output: spec.output,
      multi: !spec.no_output && spec.output.startsWith('..'),
      outputs: spec.no_output ? [] : parseCallbackId(spec.output),
      inputs: (spec.inputs || []).map(io),
      state: (spec.state || []).map(io),
      prevent: spec.prevent_initial_call === true,
      clientside: spec.clientside_function || null,
    };
    if ([...cb.outputs, ...cb.inputs, ...cb.state].some(d => isWildcard(d.id))) {
      warn(`ferrodash: pattern-matching callback ${spec.output} is not supported; skipped`);
      return;
    }
    g.callbacks.push(cb);
    cb.inputs.forEach(d => { push(g.inputMap, d.propId, cb); push(g.byInputId, d.idStr, [cb, d.propId]); });
    new Set(cb.outputs.map(d => d.idStr)).forEach(id => push(g.byOutputId, id, cb));
  });
  g.callbacks.forEach(cb => { cb.priority = priority(g, cb); });
  return g;
}

// Every prop that pending calls could change, following the graph downstream.
export function reach(g, seeds) {
  const seen = new Set(seeds), todo = [...seen];
  while (todo.length) {
    for (const cb of g.inputMap.get(todo.pop()) || []) {
      for (const o of cb.outputs) if (!seen.has(o.propId)) { seen.add(o.propId); todo.push(o.propId); }
    }
  }
  return seen;
}

// Dash's priority: depth of the downstream chain, then its breadth per level.
function priority(g, cb) {
  const touched = new Set(), levels = [];
  for (let cbs = [cb]; cbs.length;) {
    const outs = cbs.flatMap(c => c.outputs.map(o => o.propId)).filter(p => !touched.has(p) && touched.add(p));
    cbs = outs.flatMap(p => g.inputMap.get(p) || []);
    if (cbs.length) levels.push(cbs.length);
  }
  return [levels.length, ...levels];
}

const byPriority = (a, b) => {
  const p = a.cb.priority, q = b.cb.priority;
  for (let i = 0; i < Math.max(p.length, q.length); i++) if ((p[i] || 0) !== (q[i] || 0)) return (q[i] || 0) - (p[i] || 0);
  return 0;
};

// Calls for a layout (or a new chunk of it), §8.1 step 4 and step 9.
export function layoutCalls(g, ids, exists, chunk = false) {
  const inChunk = new Set(ids), found = new Map();
  const add = (cb, p) => {
    if (!found.has(cb)) found.set(cb, new Set());
    if (p) found.get(cb).add(p);
  };
  for (const id of ids) {
    for (const cb of g.byOutputId.get(id) || []) if (!cb.prevent) add(cb);
    if (chunk) {
      for (const [cb, p] of g.byInputId.get(id) || []) {
        if (!cb.outputs.every(o => inChunk.has(o.idStr))) add(cb, p);
      }
    }
  }
  // Callbacks without outputs start when they have no inputs or one is present.
  if (!chunk) {
    for (const cb of g.callbacks) {
      if (!cb.outputs.length && !cb.prevent && (!cb.inputs.length || cb.inputs.some(d => inChunk.has(d.idStr)))) add(cb);
    }
  }
  // Exclusion pass: drop calls whose present inputs are all outputs of dropped
  // calls (or that have no present inputs at all); no-input callbacks stay.
  let list = [...found], excluded = new Set();
  for (;;) {
    const drop = list.filter(([cb]) => cb.inputs.length &&
      cb.inputs.filter(d => exists(d.idStr)).every(d => excluded.has(d.propId)));
    if (!drop.length) break;
    list = list.filter(x => !drop.includes(x));
    drop.forEach(([cb]) => cb.outputs.forEach(o => excluded.add(o.propId)));
  }
  return list.map(([cb, changed]) => ({cb, changed, initial: !changed.size, preds: new Set()}));
}

// The calls that may go now: no present input (other than the call's own
// outputs) can still be changed by a pending call, transitively. State is ignored.
export function readyCalls(g, queued, pending, exists) {
  const changeable = reach(g, pending.flatMap(c => c.cb.outputs.map(o => o.propId)));
  return queued.filter(c => {
    const own = new Set(c.cb.outputs.map(o => o.propId));
    return c.cb.inputs.every(d => !exists(d.idStr) || own.has(d.propId) || !changeable.has(d.propId));
  });
}

export function buildRequest(cb, changed, value) {
  const item = d => {
    const o = {id: d.id, property: d.property}, v = value(d.idStr, d.prop);
    if (v !== undefined) o.value = v;
    return o;
  };
  const outs = cb.outputs.map(o => ({id: o.id, property: o.property}));
  const ids = [...changed];
  const body = {
    output: cb.output,
    outputs: cb.multi ? outs : outs[0] || [],
    inputs: cb.inputs.map(item),
    changedPropIds: ids,
    parsedChangedPropsIds: ids.map(p => (p[0] === '{' ? parseId(splitPropId(p)[0]) : p)),
  };
  if (cb.state.length) body.state = cb.state.map(item);
  return body;
}

// Normalises a fetch Response: {status, data} for 2xx, {status, message} otherwise.
export async function readResponse(res) {
  if (res.status === 204) return {status: 204};
  const text = await res.text().catch(() => '');
  if (res.status >= 200 && res.status < 300) {
    try { return {status: 200, data: text ? JSON.parse(text) : {}}; } catch {
      return {status: -1, message: `the server's answer is not JSON (HTTP ${res.status})`};
    }
  }
  let message;
  try { const j = JSON.parse(text); message = j.message || j.error; } catch { /* not JSON */ }
  return {status: res.status, message: message || `HTTP ${res.status} ${res.statusText || ''}`.trim()};
}

// Response keys are stringified ids; a key with a dot (not a dict id) is "id.prop".
export function updatesOf(obj) {
  const out = [];
  for (const [k, v] of Object.entries(obj || {})) {
    let idStr = k, props = v;
    if (k[0] === '{') {
      const id = parseId(k);
      if (typeof id === 'object') idStr = stringifyId(id);
      else { const [i, p] = splitPropId(k); idStr = stringifyId(parseId(i)); props = {[p]: v}; }
    } else if (k.includes('.')) {
      const [i, p] = splitPropId(k);
      idStr = i; props = {[p]: v};
    }
    if (!props || typeof props !== 'object') continue;
    const clean = {};
    for (const [p, pv] of Object.entries(props)) clean[cleanProp(p)] = pv;
    out.push([idStr, clean]);
  }
  return out;
}

const outputNames = cb => cb.outputs.map(o => o.propId).join(', ') || cb.output;

/* host: {exists(idStr), value(idStr, prop), post(body) -> Promise<{status,data|message}>,
 *        apply(idStr, props) -> applied propIds, error(message), busy(bool),
 *        clientside?(cb, body) -> Promise<{status,data}>} */
export class Scheduler {
  constructor(graph, host, max = 12) {
    Object.assign(this, {graph, host, max, queue: [], flight: new Map(), scheduled: false, busy: false});
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    Promise.resolve().then(() => this.process());
  }

  // Dedupe per callback: a triggered call replaces an initial one, triggered
  // calls merge their changedPropIds. A newly queued call makes an in-flight call
  // of the same callback stale (latest wins).
  add(call) {
    if (call.preds.has(call.cb.index)) return;
    const q = this.queue, i = q.findIndex(c => c.cb === call.cb), old = q[i];
    if (i < 0) q.push(call);
    else if (old.initial) { if (!call.initial) q[i] = call; }
    else if (!call.initial) {
      call.changed.forEach(p => old.changed.add(p));
      old.preds = call.preds;
      old.group = call.group || old.group;
    }
    this.flight.delete(call.cb.index);
    this.schedule();
  }

  trigger(propIds, preds = new Set()) {
    for (const p of propIds) {
      for (const cb of this.graph.inputMap.get(p) || []) {
        this.add({cb, changed: new Set([p]), initial: false, preds: new Set(preds)});
      }
    }
  }

  addLayout(ids, chunk = false, preds = new Set()) {
    const calls = layoutCalls(this.graph, ids, this.host.exists, chunk);
    if (!calls.length) return;
    const group = {potential: new Set(), updated: new Set(), finished: 0};
    calls.forEach(c => { c.group = group; c.preds = new Set(preds); this.add(c); });
  }

  // Execution-group pruning (§8.1 step 6): once the group's finished calls could
  // have changed every input of this call but changed none, the chain stops here.
  pruned(c) {
    const g = c.group;
    if (!g || !g.finished) return false;
    const inputs = c.cb.inputs.filter(d => this.host.exists(d.idStr)).map(d => d.propId);
    return inputs.length > 0 && inputs.every(p => g.potential.has(p)) && !inputs.some(p => g.updated.has(p));
  }

  process() {
    this.scheduled = false;
    const {host} = this;
    this.queue = this.queue.filter(c => {
      if (c.cb.outputs.length && !c.cb.outputs.some(o => host.exists(o.idStr))) return false;
      c.changed = new Set([...c.changed].filter(p => host.exists(splitPropId(p)[0])));
      return true;
    });
    for (;;) {
      const flying = [...this.flight.values()].map(f => f.call);
      let ready = readyCalls(this.graph, this.queue, [...this.queue, ...flying], host.exists);
      if (!ready.length && this.queue.length && !flying.length) ready = [this.queue[0]];
      const drop = ready.filter(c => this.pruned(c));
      if (drop.length) { this.queue = this.queue.filter(c => !drop.includes(c)); continue; }
      for (const c of ready.sort(byPriority)) {
        if (this.flight.size >= this.max) break;
        this.dispatch(c);
      }
      break;
    }
    this.setBusy();
  }

  dispatch(c) {
    const {cb} = c, {host} = this;
    this.queue = this.queue.filter(x => x !== c);
    const missing = [...cb.inputs.map(d => [d, 'Input']), ...cb.state.map(d => [d, 'State'])].filter(([d]) => !host.exists(d.idStr));
    if (missing.length) {
      if (!(cb.inputs.length && cb.inputs.every(d => !host.exists(d.idStr)))) {
        const [[d, kind]] = missing;
        host.error(`ReferenceError: A nonexistent object was used in an \`${kind}\` of a Dash callback. The id of this object is \`${d.idStr}\` and the property is \`${d.property}\`.`);
      }
      this.finish(c, []);
      return;
    }
    const body = buildRequest(cb, c.changed, host.value);
    const entry = {call: c};
    this.flight.set(cb.index, entry);
    const run = cb.clientside && host.clientside ? () => host.clientside(cb, body) : () => host.post(body);
    Promise.resolve().then(run)
      .catch(e => ({status: 0, message: cb.clientside ? String((e && e.message) || e) : 'Callback failed: the server did not respond.'}))
      .then(res => this.done(entry, res));
  }

  done(entry, res) {
    const c = entry.call, {cb} = c;
    if (this.flight.get(cb.index) !== entry) { this.setBusy(); return; }
    this.flight.delete(cb.index);
    let applied = [];
    if (res.status === 200) {
      const preds = new Set([...c.preds, cb.index]);
      try {
        for (const [idStr, props] of [...updatesOf(res.data.sideUpdate), ...updatesOf(res.data.response)]) {
          const got = this.host.apply(idStr, props, preds);
          applied.push(...got);
          this.trigger(got, preds);
        }
      } catch (e) {
        this.host.error(`Callback error updating ${outputNames(cb)}: ${(e && e.message) || e}`);
      }
    } else if (res.status !== 204) {
      this.host.error(`Callback error updating ${outputNames(cb)}: ${res.message}`);
    }
    this.finish(c, applied);
  }

  finish(c, applied) {
    if (c.group) {
      c.group.finished++;
      c.cb.outputs.forEach(o => c.group.potential.add(o.propId));
      applied.forEach(p => c.group.updated.add(p));
    }
    this.schedule();
    this.setBusy();
  }

  setBusy() {
    const busy = this.queue.length > 0 || this.flight.size > 0;
    if (busy !== this.busy) { this.busy = busy; this.host.busy(busy); }
  }
}
