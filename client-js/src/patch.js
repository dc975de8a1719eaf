// Lazy module: Dash's Patch (partial update) objects, applied to the current
// prop value (dash-wire-protocol.md §7); app.js imports it for the first
// response (or clientside call) that may carry one.
import {equals} from './equals.js';

export const isPatch = v => v !== null && typeof v === 'object' && v.__dash_patch_update === '__dash_patch_update';

const at = (obj, k) => (typeof k === 'number' && k < 0 && Array.isArray(obj) ? obj.length + k : k);

const OPS = {
  Assign: (cur, p) => p.value,
  Merge: (cur, p) => ({...cur, ...p.value}),
  Extend: (cur, p) => [...cur, ...p.value],
  Append: (cur, p) => [...cur, p.value],
  Prepend: (cur, p) => [p.value, ...cur],
  Insert: (cur, p) => { const a = [...cur]; a.splice(at(a, p.index), 0, p.value); return a; },
  Add: (cur, p) => cur + p.value,
  Sub: (cur, p) => cur - p.value,
  Mul: (cur, p) => cur * p.value,
  Div: (cur, p) => cur / p.value,
  Clear: cur => (Array.isArray(cur) ? [] : typeof cur === 'string' ? '' : {}),
  Reverse: cur => [...cur].reverse(),
  Remove: (cur, p) => cur.filter(x => !equals(x, p.value)),
};

export function applyPatch(value, patch) {
  if (value === undefined) throw new Error('Cannot patch undefined');
  const root = {v: structuredClone(value)};
  for (const {operation, location = [], params = {}} of patch.operations || []) {
    const path = ['v', ...location];
    let parent = root;
    for (const k of path.slice(0, -1)) parent = parent[at(parent, k)];
    const key = at(parent, path[path.length - 1]);
    if (operation === 'Delete') {
      if (Array.isArray(parent)) parent.splice(key, 1);
      else delete parent[key];
    } else if (Object.hasOwn(OPS, operation)) parent[key] = OPS[operation](parent[key], params);
    else throw new Error(`unknown Patch operation ${operation}`);
  }
  return root.v;
}
