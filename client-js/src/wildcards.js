// Lazy module: pattern-matching callbacks (ALL, MATCH, ALLSMALLER; wire
// protocol §5.3 and §8), resolved against the layout the way Dash's renderer
// does. app.js imports it only when a callback has a wildcard id, so other
// pages never load it.
//
// A wildcard item d gets `keys` (sorted), `keyStr` and `vals` (wildcards as
// the markers below) and `multi` (ALL or ALLSMALLER: the request carries an
// array). A call of a callback with MATCH outputs carries a `ref`
// {keys, vals, pvals}: the concrete values of one output id and that
// output's pattern, against which its other items resolve.
import {dep, parseId, splitPropId, propId} from './ids.js';
import {crawl} from './layout.js';

const ALL = {}, MATCH = {}, ALLSMALLER = {};
const MARK = {ALL, MATCH, ALLSMALLER};
const keysOf = id => Object.keys(id).sort();

function prep(d) {
  if (d.wild) {
    d.keys = keysOf(d.id);
    d.keyStr = d.keys.join(',');
    d.vals = d.keys.map(k => (Array.isArray(d.id[k]) ? MARK[d.id[k][0]] : d.id[k]));
    d.multi = d.vals.some(v => v === ALL || v === ALLSMALLER);
  }
  return d;
}

// Called once per pattern callback when the graph is built.
export function prepare(cb) {
  [...cb.outputs, ...cb.inputs, ...cb.state].forEach(prep);
  const o = cb.outputs[0];
  cb.matchKeys = o && o.wild ? o.keys.filter((k, i) => o.vals[i] === MATCH) : [];
  cb.firstSingle = cb.outputs.findIndex(x => !x.multi);
}

// The layout's dict ids by key set, in layout order (the order of ALL
// lists); the ids with sorted keys, as Dash's renderer sends them.
export function index(layout) {
  const objs = new Map();
  crawl(layout, n => {
    const id = n.props.id;
    if (id && typeof id === 'object') {
      const keys = keysOf(id), k = keys.join(','), vals = keys.map(key => id[key]);
      (objs.get(k) || objs.set(k, []).get(k)).push({id: Object.fromEntries(keys.map((key, i) => [key, vals[i]])), vals});
    }
  });
  return objs;
}

// Dash's order of id values across types: numbers (numeric strings too),
// then booleans (false first), then other strings.
const num = v => (typeof v === 'number' ? isFinite(v) : typeof v === 'string' && v.trim() !== '' && isFinite(v));
export function idValSort(a, b) {
  if (num(a)) return num(b) ? Math.sign(a - b) : -1;
  if (num(b)) return 1;
  const bool = typeof a === 'boolean';
  if (bool !== (typeof b === 'boolean')) return bool ? -1 : 1;
  return a > b ? 1 : a < b ? -1 : 0;
}

// Whether concrete values fit pattern values. With a ref, MATCH must equal
// the ref's value on that key, ALLSMALLER be smaller than it, and anything
// resolved against a ref's ALLSMALLER be greater. A key the ref lacks is free.
export function idMatch(keys, vals, pvals, ref) {
  return keys.every((k, i) => {
    const p = pvals[i];
    if (p !== ALL && p !== MATCH && p !== ALLSMALLER) return vals[i] === p;
    const j = ref && p !== ALL ? ref.keys.indexOf(k) : -1;
    return j < 0 || idValSort(vals[i], ref.vals[j]) === (p === ALLSMALLER ? -1 : ref.pvals[j] === ALLSMALLER ? 1 : 0);
  });
}

// The layout's components matching a wildcard item, in layout order.
export const resolve = (env, d, ref) => (env.objs().get(d.keyStr) || [])
  .filter(o => idMatch(d.keys, o.vals, d.vals, ref)).map(o => dep(o.id, d.property));

function parse(idStr) {
  const id = parseId(idStr);
  if (typeof id !== 'object') return {idStr};
  const keys = keysOf(id);
  return {idStr, keyStr: keys.join(','), vals: keys.map(k => id[k])};
}
const fits = (d, x) => (d.wild ? d.keyStr === x.keyStr && idMatch(d.keys, x.vals, d.vals) : d.idStr === x.idStr);
const refOf = (d, x) => (d.wild ? {keys: d.keys, vals: x.vals, pvals: d.vals} : null);

// The calls of a callback reached through `ref` (or none): one per MATCH
// value set among its present outputs, or a single call without MATCH.
function fromOutputs(env, cb, ref, out) {
  const add = t => out.some(u => u.key === t.key) || out.push(t);
  if (!cb.matchKeys.length) return add({cb, key: '' + cb.index});
  for (const o of cb.firstSingle < 0 ? cb.outputs : [cb.outputs[cb.firstSingle]]) {
    for (const r of resolve(env, o, ref)) {
      const vals = o.keys.map(k => r.id[k]);
      add({cb, key: cb.index + JSON.stringify(vals.filter((v, i) => o.vals[i] === MATCH)), ref: {keys: o.keys, vals, pvals: o.vals}});
    }
  }
}

// The calls a changed prop (a concrete "id.prop") triggers.
export function listeners(env, p) {
  const [idStr, prop] = splitPropId(p), x = parse(idStr), out = [];
  for (const cb of env.g.patterns) {
    for (const d of cb.inputs) if (d.prop === prop && fits(d, x)) fromOutputs(env, cb, refOf(d, x), out);
  }
  return out;
}

// Initial calls for a component of a new layout chunk that is an output.
export function byOutput(env, idStr) {
  const x = parse(idStr), out = [];
  for (const cb of env.g.patterns) {
    if (!cb.prevent) for (const o of cb.outputs) if (fits(o, x)) fromOutputs(env, cb, refOf(o, x), out);
  }
  return out;
}

// [call, propId] for a component of a new chunk that is an input.
export function byInput(env, idStr) {
  const x = parse(idStr), out = [];
  for (const cb of env.g.patterns) {
    for (const d of cb.inputs) {
      if (!fits(d, x)) continue;
      const calls = [];
      fromOutputs(env, cb, refOf(d, x), calls);
      calls.forEach(t => out.push([t, propId(idStr, d.prop)]));
    }
  }
  return out;
}

// Calls to re-fire because components read through ALL/ALLSMALLER are gone.
export function removed(env, ids) {
  const out = [];
  for (const x of ids.map(parse)) {
    for (const cb of env.g.patterns) for (const d of cb.inputs) if (d.multi && fits(d, x)) fromOutputs(env, cb, refOf(d, x), out);
  }
  return out;
}

// The concrete ids a `running` or side-update key stands for in a call.
export function expand(env, idStr, ref) {
  const d = prep(dep(idStr, 'id'));
  return d.wild ? resolve(env, d, ref).map(r => r.idStr) : [idStr];
}
