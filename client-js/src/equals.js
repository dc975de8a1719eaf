// Ramda-style structural equality: type-strict, key order ignored, NaN equals NaN.
export function equals(a, b) {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((v, i) => equals(v, b[i]));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length &&
    ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && equals(a[k], b[k]));
}
