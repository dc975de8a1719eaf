// Dash's id and callback-id encodings (wire protocol §5.2, §5.3).

export function stringifyId(id) {
  if (id === null || typeof id !== 'object') return String(id);
  return '{' + Object.keys(id).sort()
    .map(k => JSON.stringify(k) + ':' + JSON.stringify(id[k])).join(',') + '}';
}

export function parseId(s) {
  if (typeof s === 'string' && s[0] === '{') {
    try { return JSON.parse(s); } catch { /* not a dict id after all */ }
  }
  return s;
}

export const isWildcard = id =>
  id !== null && typeof id === 'object' && Object.values(id).some(Array.isArray);

// Property names never contain '.', so the last one separates id from prop.
export function splitPropId(s) {
  const i = s.lastIndexOf('.');
  return [s.slice(0, i), s.slice(i + 1)];
}

export const propId = (idStr, prop) => idStr + '.' + prop;

// `@hash` marks allow_duplicate outputs; it is never part of the applied prop.
export const cleanProp = p => p.split('@')[0];

// "id.prop" or "..a.p...b.q..". Dash escapes dots inside dict ids as "\." and its
// renderer forgets to undo that; we undo it.
export function parseCallbackId(output) {
  const multi = output.startsWith('..') && output.endsWith('..') && output.length > 4;
  const items = multi ? output.slice(2, -2).split('...') : [output];
  return items.map(item => {
    const [idPart, property] = splitPropId(item);
    return dep(parseId(idPart.replace(/\\\./g, '.')), property);
  });
}

// `wild`: a pattern id (ALL, MATCH, ALLSMALLER), resolved by wildcards.js.
export function dep(id, property) {
  id = parseId(id);
  const idStr = stringifyId(id), prop = cleanProp(property);
  return {id, idStr, property, prop, propId: propId(idStr, prop), wild: isWildcard(id)};
}
