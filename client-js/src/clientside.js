// Lazy module: clientside callbacks through window.dash_clientside, as Dash's
// renderer runs them (dash-wire-protocol.md §9). app.js imports it at the
// first clientside call. The functions come from a script file the page
// loads before the client (the server's `_ferrodash/clientside.js`), never
// from eval or inline scripts, so `script-src 'self'` holds. Results go
// through the same apply path as server responses.
import {stringifyId, cleanProp, parseId, splitPropId} from './ids.js';

// dash_clientside.Patch: `new Patch().assign(['a'], 1).append([], 2).build()`.
const OPS = {
  assign: 'Assign', delete: 'Delete', merge: 'Merge', extend: 'Extend', append: 'Append', prepend: 'Prepend',
  insert: 'Insert', add: 'Add', sub: 'Sub', mul: 'Mul', div: 'Div', clear: 'Clear', reverse: 'Reverse', remove: 'Remove',
};
export class Patch {
  constructor() { this.operations = []; }
  build() { return {__dash_patch_update: '__dash_patch_update', operations: this.operations}; }
}
for (const [name, operation] of Object.entries(OPS)) {
  Patch.prototype[name] = function (location = [], ...args) {
    const params = operation === 'Insert' ? {index: args[0], value: args[1]} : args.length ? {value: args[0]} : {};
    this.operations.push({operation, location, params});
    return this;
  };
}

// Sets up dash_clientside's fixed members; `io.set({idStr: props})` applies
// at once and fires listeners, `io.get(idStr, prop)` reads the layout.
function setup(win, io) {
  const dc = (win.dash_clientside = win.dash_clientside || {});
  if (!dc.no_update) {
    Object.defineProperty(dc, 'no_update', {value: {description: 'Return to prevent updating an Output.'}});
    Object.defineProperty(dc, 'PreventUpdate', {value: {description: 'Throw to prevent updating all Outputs.'}});
  }
  dc.Patch = dc.Patch || Patch;
  dc.set_props = (id, props) => io.set({[stringifyId(id)]: props});
  dc.get_props = (id, prop) => io.get(stringifyId(id), prop);
  return dc;
}

const dict = list => Object.fromEntries((list || []).flat().map(d => [stringifyId(d.id) + '.' + d.property, d.value ?? null]));
const values = list => (list || []).map(d => (Array.isArray(d) ? d.map(x => x.value) : d.value));

export async function clientside(win, cb, body, io) {
  const dc = setup(win, io);
  const {namespace, function_name: name} = cb.clientside;
  const fn = dc[namespace] && dc[namespace][name];
  if (typeof fn !== 'function') throw new Error(`clientside function ${namespace}.${name} not found`);
  const inputs = dict(body.inputs), changed = body.changedPropIds;
  // Only during the synchronous part of the call, as in Dash.
  dc.callback_context = {
    triggered: changed.map(p => ({prop_id: p, value: inputs[p]})),
    triggered_id: changed.length ? parseId(splitPropId(changed[0])[0]) : undefined,
    inputs, states: dict(body.state),
    inputs_list: body.inputs, states_list: body.state || [], outputs_list: body.outputs,
  };
  let result;
  try {
    try { result = fn(...values(body.inputs), ...values(body.state)); } finally { delete dc.callback_context; }
    result = await result;
  } catch (e) {
    if (e === dc.PreventUpdate) return {status: 204};
    throw e;
  }
  // Outputs pair with the result: an array for several outputs or for an
  // ALL output; a lone no_update skips a whole array.
  const pairs = (out, v) => {
    if (!Array.isArray(out)) return [[out, v]];
    if (!out.length || v === dc.no_update) return [];
    if (!Array.isArray(v)) throw new Error(`clientside function ${namespace}.${name} must return an array`);
    return out.flatMap((o, i) => pairs(o, v[i]));
  };
  const response = {};
  for (const [o, v] of pairs(body.outputs, result)) {
    if (v !== dc.no_update) (response[stringifyId(o.id)] = response[stringifyId(o.id)] || {})[cleanProp(o.property)] = v;
  }
  return {status: 200, data: {response}};
}
