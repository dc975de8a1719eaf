import {stringifyId} from './ids.js';

export const isComponent = v =>
  v !== null && typeof v === 'object' && !Array.isArray(v) &&
  typeof v.type === 'string' && typeof v.namespace === 'string';

// Depth-first, in layout order: callback order and "first id wins" depend on it.
export function crawl(value, fn) {
  if (Array.isArray(value)) value.forEach(v => crawl(v, fn));
  else if (isComponent(value)) {
    if (!value.props || typeof value.props !== 'object') value.props = {};
    fn(value);
    crawl(value.props.children, fn);
  }
}

export function idsIn(value) {
  const out = [];
  crawl(value, n => { if (n.props.id != null) out.push([stringifyId(n.props.id), n]); });
  return out;
}

// The id index maps a stringified id to its component node; nodes are the live
// layout objects, so a node's props are the values callbacks read.
export function indexIds(index, value, warn = () => {}) {
  const added = [];
  for (const [k, n] of idsIn(value)) {
    if (index.has(k) && index.get(k) !== n) warn(`ferrodash: duplicate component id "${k}"`);
    index.set(k, n);
    added.push(k);
  }
  return added;
}

// Returns the ids it removed.
export function unindexIds(index, value) {
  return idsIn(value).filter(([k, n]) => index.get(k) === n && index.delete(k)).map(([k]) => k);
}
