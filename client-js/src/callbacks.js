// The callback graph and the renderer algorithm of dash-wire-protocol.md §8:
// initial calls, dedupe, readiness, execution groups, latest-wins dispatch.
// A call is {cb, key, ref, changed, initial, preds, group}. A pattern-matching
// callback makes one call per MATCH value set: `key` tells them apart, `ref`
// holds the values (wildcards.js); a plain callback has one key, no ref.
import {dep, parseCallbackId, parseId, splitPropId, stringifyId, cleanProp} from './ids.js';

const push = (map, k, v) => { (map.get(k) || map.set(k, []).get(k)).push(v); };

export function buildGraph(deps) {
  const g = {callbacks: [], inputMap: new Map(), byOutputId: new Map(), byInputId: new Map(), patterns: []};
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
      running: spec.running || null,
    };
    g.callbacks.push(cb);
    // Wildcard callbacks are matched against the layout by wildcards.js instead.
    if ([...cb.outputs, ...cb.inputs, ...cb.state].some(d => d.wild)) {
      cb.pattern = true;
      g.patterns.push(cb);
      return;
    }
    cb.inputs.forEach(d => { push(g.inputMap, d.propId, cb); push(g.byInputId, d.idStr, [cb, d.propId]); });
    new Set(cb.outputs.map(d => d.idStr)).forEach(id => push(g.byOutputId, id, cb));
  });
  g.callbacks.forEach(cb => { cb.priority = priority(g, cb); });
  return g;
}

const plain = cb => ({cb, key: '' + cb.index});

// The layout's matches of each declared item of a call: [] when absent,
// several for ALL/ALLSMALLER. env: {g, exists(idStr), objs()}.
export const resolve = (env, c, kind) =>
  c.cb[kind].map(d => (d.wild ? env.g.wc.resolve(env, d, c.ref) : env.exists(d.idStr) ? [d] : []));
const hits = (env, c, kind) => resolve(env, c, kind).flat();
// What a call may write; a plain callback's outputs count even when absent.
const outIds = (env, c) => (c.cb.pattern ? hits(env, c, 'outputs') : c.cb.outputs).map(o => o.propId);

// The calls a changed prop triggers.
function listeners(env, p) {
  const out = (env.g.inputMap.get(p) || []).map(plain);
  return env.g.patterns.length ? out.concat(env.g.wc.listeners(env, p)) : out;
}

// Every prop that pending calls could change, following the graph downstream.
export function reach(env, seeds) {
  const seen = new Set(seeds), todo = [...seen];
  while (todo.length) {
    for (const t of listeners(env, todo.pop())) {
      for (const p of outIds(env, t)) if (!seen.has(p)) { seen.add(p); todo.push(p); }
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

// The chain after a call: its callbacks never run again in it (cycles).
const after = c => new Set([...c.preds, c.cb.index]);

const byPriority = (a, b) => {
  const p = a.cb.priority, q = b.cb.priority;
  for (let i = 0; i < Math.max(p.length, q.length); i++) if ((p[i] || 0) !== (q[i] || 0)) return (q[i] || 0) - (p[i] || 0);
  return 0;
};

// Calls for a layout (or a new chunk of it), §8.1 step 4 and step 9.
export function layoutCalls(env, ids, chunk = false) {
  const {g} = env, wc = g.patterns.length && g.wc, inChunk = new Set(ids), found = new Map();
  const add = (t, p) => {
    const c = found.get(t.key) || found.set(t.key, {...t, changed: new Set()}).get(t.key);
    if (p) c.changed.add(p);
  };
  const outside = t => !(t.cb.pattern ? hits(env, t, 'outputs') : t.cb.outputs).every(o => inChunk.has(o.idStr));
  for (const id of ids) {
    for (const cb of g.byOutputId.get(id) || []) if (!cb.prevent) add(plain(cb));
    if (wc) wc.byOutput(env, id).forEach(t => add(t));
    if (chunk) {
      for (const [cb, p] of g.byInputId.get(id) || []) if (outside(plain(cb))) add(plain(cb), p);
      if (wc) for (const [t, p] of wc.byInput(env, id)) if (outside(t)) add(t, p);
    }
  }
  // Callbacks without outputs start when they have no inputs or one is present.
  if (!chunk) {
    for (const cb of g.callbacks) {
      if (!cb.outputs.length && !cb.prevent && (!cb.inputs.length || hits(env, plain(cb), 'inputs').length)) add(plain(cb));
    }
  }
  // Exclusion pass: drop calls whose present inputs are all outputs of dropped
  // calls (or that have no present inputs at all); no-input callbacks stay,
  // and so do callbacks whose inputs are all ALL/ALLSMALLER.
  let list = [...found.values()], excluded = new Set();
  for (;;) {
    const drop = list.filter(c => c.cb.inputs.length && !c.cb.inputs.every(d => d.multi) &&
      hits(env, c, 'inputs').every(d => excluded.has(d.propId)));
    if (!drop.length) break;
    list = list.filter(c => !drop.includes(c));
    drop.forEach(c => outIds(env, c).forEach(p => excluded.add(p)));
  }
  return list.map(c => ({...c, initial: !c.changed.size, preds: new Set()}));
}

// The calls that may go now: no present input (other than the call's own
// outputs) can still be changed by a pending call, transitively. State is ignored.
export function readyCalls(env, queued, pending) {
  const changeable = reach(env, pending.flatMap(c => outIds(env, c)));
  return queued.filter(c => {
    const own = new Set(outIds(env, c));
    return hits(env, c, 'inputs').every(d => own.has(d.propId) || !changeable.has(d.propId));
  });
}

// res: resolve() of outputs, inputs and state. A multi-valued item (ALL,
// ALLSMALLER) is an array, even of one component or none.
export function buildRequest(c, res, value) {
  const {cb} = c;
  const item = d => {
    const o = {id: d.id, property: d.property}, v = value(d.idStr, d.prop);
    if (v !== undefined) o.value = v;
    return o;
  };
  const shape = (kind, f) => cb[kind].map((d, i) => (d.multi ? res[kind][i].map(f) : f(res[kind][i][0])));
  const outs = shape('outputs', o => ({id: o.id, property: o.property}));
  const ids = [...c.changed];
  const body = {
    output: cb.output,
    outputs: cb.multi ? outs : outs[0] || [],
    inputs: shape('inputs', item),
    changedPropIds: ids,
    parsedChangedPropsIds: ids.map(p => (p[0] === '{' ? parseId(splitPropId(p)[0]) : p)),
  };
  if (cb.state.length) body.state = shape('state', item);
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
  let message, kind;
  try { const j = JSON.parse(text); message = j.message || j.error; kind = j.error; } catch { /* not JSON */ }
  return {status: res.status, kind, message: message || `HTTP ${res.status} ${res.statusText || ''}`.trim()};
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

/* host: {exists(idStr), value(idStr, prop), objs() (wildcards.js's index),
 *        post(body) -> Promise<{status,data|message}>, apply(idStr, props, preds) -> applied propIds,
 *        error(message), busy(bool), clientside?(cb, body, {set, get}) -> Promise<{status,data}>,
 *        prepare?(data) -> a Promise to wait for before applying data, or falsy} */
export class Scheduler {
  constructor(graph, host, max = 12) {
    Object.assign(this, {graph, host, max, queue: [], flight: new Map(), running: new Map(), scheduled: false, busy: false});
    this.env = {g: graph, exists: host.exists, objs: host.objs};
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    Promise.resolve().then(() => this.process());
  }

  // Dedupe per call key: a triggered call replaces an initial one, triggered
  // calls merge their changedPropIds. A newly queued call makes an in-flight
  // call of the same key stale (latest wins): its answer is never applied.
  add(call) {
    if (call.preds.has(call.cb.index)) return;
    const q = this.queue, i = q.findIndex(c => c.key === call.key), old = q[i];
    if (i < 0) q.push(call);
    else if (old.initial) { if (!call.initial) q[i] = call; }
    else if (!call.initial) {
      call.changed.forEach(p => old.changed.add(p));
      old.preds = call.preds;
      old.group = call.group || old.group;
    }
    this.flight.delete(call.key);
    this.schedule();
  }

  trigger(propIds, preds = new Set()) {
    for (const p of propIds) {
      for (const t of listeners(this.env, p)) this.add({...t, changed: new Set([p]), initial: false, preds: new Set(preds)});
    }
  }

  addLayout(ids, chunk = false, preds = new Set()) {
    const calls = layoutCalls(this.env, ids, chunk);
    if (!calls.length) return;
    const group = {potential: new Set(), updated: new Set(), finished: 0};
    calls.forEach(c => { c.group = group; c.preds = new Set(preds); this.add(c); });
  }

  // Components that left the layout re-fire the callbacks reading them
  // through ALL/ALLSMALLER, prevent_initial_call or not (§8.1 step 9).
  removed(ids, preds) {
    if (!this.graph.patterns.length || !ids.length) return;
    for (const t of this.graph.wc.removed(this.env, ids)) this.add({...t, changed: new Set(), initial: true, preds: new Set(preds)});
  }

  // Execution-group pruning (§8.1 step 6): once the group's finished calls could
  // have changed every input of this call but changed none, the chain stops here.
  pruned(c) {
    const g = c.group;
    if (!g || !g.finished) return false;
    const inputs = hits(this.env, c, 'inputs').map(d => d.propId);
    return inputs.length > 0 && inputs.every(p => g.potential.has(p)) && !inputs.some(p => g.updated.has(p));
  }

  process() {
    this.scheduled = false;
    const {host, env} = this;
    this.queue = this.queue.filter(c => {
      if (c.cb.outputs.length && !hits(env, c, 'outputs').length) return false;
      c.changed = new Set([...c.changed].filter(p => host.exists(splitPropId(p)[0])));
      return true;
    });
    for (;;) {
      const flying = [...this.flight.values()].map(f => f.call);
      let ready = readyCalls(env, this.queue, [...this.queue, ...flying]);
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
    const res = {};
    for (const kind of ['outputs', 'inputs', 'state']) res[kind] = resolve(this.env, c, kind);
    // A single-valued item needs exactly one component. As in Dash, absent
    // inputs (all of them), or absent outputs when no input has a component,
    // skip the call silently; anything else absent is a reference error.
    const bad = kind => cb[kind].find((d, i) => !d.multi && res[kind][i].length !== 1);
    const present = res.inputs.flat().length, badIn = bad('inputs'), badState = bad('state'), badOut = bad('outputs');
    if (badIn || badState || badOut) {
      const [d, kind] = badIn ? [present && badIn, 'Input'] : badState ? [badState, 'State'] : [present && badOut, 'Output'];
      if (d) host.error(`ReferenceError: A nonexistent object was used in an \`${kind}\` of a Dash callback. The id of this object is \`${d.idStr}\` and the property is \`${d.property}\`.`);
      this.finish(c, [], res);
      return;
    }
    const body = buildRequest(c, res, host.value);
    const entry = {call: c, res};
    this.flight.set(c.key, entry);
    if (cb.running) this.setRunning(c, 1);
    const io = {set: upd => this.applyAll(upd, c, after(c)), get: host.value};
    const run = cb.clientside ? () => host.clientside(cb, body, io) : () => host.post(body);
    Promise.resolve().then(run)
      .catch(e => ({status: 0, message: cb.clientside ? String((e && e.message) || e) : 'Callback failed: the server did not respond.'}))
      .then(res => this.done(entry, res));
  }

  // `running` props go on when a call starts and off when the last started
  // call of that key settles (answered, prevented, failed or superseded), so a
  // superseded call cannot switch them off under a newer one.
  setRunning(c, step) {
    const n = (this.running.get(c.key) || 0) + step;
    this.running.set(c.key, n);
    if (n === (step > 0 ? 1 : 0)) this.applyAll(c.cb.running[step > 0 ? 'running' : 'runningOff'], c, after(c));
  }

  // Applies {idStr: props} (or "id.prop" keys) and fires listeners of what changed.
  applyAll(obj, c, preds, applied = []) {
    for (const [idStr, props] of updatesOf(obj)) {
      // A `running` key may hold MATCH/ALL: it means this call's components.
      const ids = idStr[0] === '{' && this.graph.wc ? this.graph.wc.expand(this.env, idStr, c.ref) : [idStr];
      for (const id of ids) {
        const got = this.host.apply(id, {...props}, preds);
        applied.push(...got);
        this.trigger(got, preds);
      }
    }
    return applied;
  }

  done(entry, res) {
    const c = entry.call, {cb} = c;
    const wait = res.status === 200 && this.host.prepare && this.host.prepare(res.data);
    if (wait) { wait.then(() => this.done(entry, res)); return; }
    if (cb.running) this.setRunning(c, -1);
    if (this.flight.get(c.key) !== entry) { this.setBusy(); return; }
    this.flight.delete(c.key);
    const applied = [], names = entry.res.outputs.flat().map(o => o.propId).join(', ') || cb.output;
    if (res.status === 200) {
      try {
        this.applyAll(res.data.sideUpdate, c, after(c), applied);
        this.applyAll(res.data.response, c, after(c), applied);
      } catch (e) {
        this.host.error(`Callback error updating ${names}: ${(e && e.message) || e}`);
      }
    } else if (res.status !== 204) {
      // Stored data the server refused (edited, tampered, of an old shape)
      // is the user's to know about, not only the developer's.
      this.host.error(`Callback error updating ${names}: ${res.message}`, res.kind === 'store_data');
    }
    this.finish(c, applied, entry.res);
  }

  finish(c, applied, res) {
    if (c.group) {
      c.group.finished++;
      res.outputs.flat().forEach(o => c.group.potential.add(o.propId));
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
