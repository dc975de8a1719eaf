// dcc.Store: backing stores and the mount/update algorithms of Store.react.js
// (dcc-store-behavior.md §2, §4, §5, §6), plus the failure handling Dash lacks.
import {equals} from './equals.js';
import {stringifyId} from './ids.js';

// One per mounted Store: a remount starts empty, like Dash. A single timestamp,
// bumped on remove too.
export class MemStore {
  constructor() { this.items = new Map(); this.modified = -1; }
  getItem(k) { return this.items.get(k); }
  setItem(k, v) { this.items.set(k, v); this.modified = Date.now(); }
  removeItem(k) { this.items.delete(k); this.modified = Date.now(); }
  getModified() { return this.modified; }
}

// localStorage/sessionStorage under Dash's keys `<id>` and `<id>-timestamp`, with
// an optional app prefix. Writes that throw (quota, sandboxed frames, no storage)
// keep the value in `shadow` so the page goes on as if the write had worked.
export class WebStore {
  constructor(storage, prefix = '', name = 'storage', warn = console.warn) {
    Object.assign(this, {storage, prefix, name, warn, shadow: new Map(), warned: new Set()});
  }
  key(id) { return this.prefix + id; }
  getItem(id) {
    if (this.shadow.has(id)) return this.shadow.get(id).value;
    let raw = null;
    try { raw = this.storage.getItem(this.key(id)); } catch { /* unreadable storage reads as empty */ }
    if (raw === null) return null;
    try { return JSON.parse(raw); } catch {
      this.once(id, `ferrodash: store "${id}" holds a value in ${this.name} that is not JSON; reading it as null`);
      return null;
    }
  }
  setItem(id, value) {
    const k = this.key(id);
    try {
      this.storage.setItem(k, JSON.stringify(value));
      this.storage.setItem(k + '-timestamp', String(Date.now()));
      this.shadow.delete(id);
    } catch (e) {
      this.shadow.set(id, {value, ts: Date.now()});
      this.warn(`ferrodash: store "${id}" could not be saved to ${this.name} (${(e && e.name) || e}); keeping it in memory for this page`);
    }
  }
  removeItem(id) {
    this.shadow.delete(id);
    const k = this.key(id);
    try { this.storage.removeItem(k); this.storage.removeItem(k + '-timestamp'); } catch { /* nothing stored */ }
  }
  getModified(id) {
    if (this.shadow.has(id)) return this.shadow.get(id).ts;
    try { return parseInt(this.storage.getItem(this.key(id) + '-timestamp'), 10) || -1; } catch { return -1; }
  }
  once(id, msg) { if (!this.warned.has(id)) { this.warned.add(id); this.warn(msg); } }
}

export const storeKey = props => stringifyId(props.id);

// Returns the props the Store sets on mount (§4), or null.
export function mountStore(props, back) {
  const id = storeKey(props), data = props.data, old = back.getItem(id);
  if (old == null && data != null) {
    back.setItem(id, data);
    return {modified_timestamp: back.getModified(id)};
  }
  if (!equals(old, data)) return {data: old, modified_timestamp: back.getModified(id)};
  return null;
}

// Runs after every prop change of the Store (§5); returns props to set, or null.
export function updateStore(props, back) {
  const id = storeKey(props);
  if (props.clear_data) {
    back.removeItem(id);
    return {clear_data: false, data: null, modified_timestamp: back.getModified(id)};
  }
  const old = back.getItem(id);
  if (equals(props.data, old)) return null;
  if (props.data === undefined) return {data: old};
  back.setItem(id, props.data);
  return {modified_timestamp: back.getModified(id)};
}

// A `storage` event from another document (§6). Unlike Dash, a bad value is
// ignored instead of throwing, and the timestamp key updates modified_timestamp,
// which Dash misses because the data key's event arrives first.
export function storageEventProps(e, props, back) {
  if (!(back instanceof WebStore) || e.key == null || e.newValue === e.oldValue) return null;
  if (e.storageArea && back.storage && e.storageArea !== back.storage) return null;
  const id = storeKey(props), k = back.key(id);
  if (e.key === k) {
    let data = null;
    if (e.newValue !== null) {
      try { data = JSON.parse(e.newValue); } catch {
        back.warn(`ferrodash: ignored a value for store "${id}" from another tab that is not JSON`);
        return null;
      }
    }
    back.shadow.delete(id);
    return {data, modified_timestamp: back.getModified(id)};
  }
  if (e.key === k + '-timestamp') return {modified_timestamp: parseInt(e.newValue, 10) || -1};
  return null;
}
