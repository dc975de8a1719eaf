// dcc.Store: backing stores and the mount/update algorithms of Store.react.js
// (dcc-store-behavior.md §2, §4, §5, §6), plus what Dash lacks: app-prefixed
// keys, failed writes kept in memory, corrupt entries ignored, schema versions.
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

// localStorage/sessionStorage under Dash's keys `<id>` and `<id>-timestamp`
// (after the app's prefix), plus `<id>-version` for a store with a
// schema_version. A write stores version, timestamp, then data, so another
// tab's `storage` event for the data key finds the new timestamp already there.
// A write that throws (quota, no storage) keeps the value in `shadow`: the page
// goes on as if it had worked. warn(message, visible) reports.
export class WebStore {
  constructor(storage, prefix = '', name = 'storage', warn = console.warn, version = null) {
    Object.assign(this, {storage, prefix, name, warn, version: version == null ? null : String(version), shadow: new Map(), warned: new Set()});
  }
  key(id) { return this.prefix + id; }
  raw(k) { try { return this.storage.getItem(k); } catch { return null; } }
  // Data written under another schema version (or none, or with none) is foreign.
  fits(id) {
    const v = this.raw(this.key(id) + '-version');
    if (v === this.version) return true;
    this.once(`ferrodash: store "${id}" has data of schema version ${v ?? 'none'} in ${this.name}, not ${this.version ?? 'none'}; dropping it`);
  }
  getItem(id) {
    if (this.shadow.has(id)) return this.shadow.get(id).value;
    const raw = this.raw(this.key(id));
    if (raw === null) return null;
    if (!this.fits(id)) { this.removeItem(id); return null; }
    try { return JSON.parse(raw); } catch {
      this.once(`ferrodash: store "${id}" holds a value in ${this.name} that is not JSON; ignoring it`);
      return null;
    }
  }
  setItem(id, value) {
    const k = this.key(id), t = k + '-timestamp', ts = Date.now(), old = this.raw(t), s = this.storage;
    try {
      if (this.version !== null) s.setItem(k + '-version', this.version);
      s.setItem(t, ts);
      s.setItem(k, JSON.stringify(value));
      this.shadow.delete(id);
    } catch (e) {
      try { if (old === null) s.removeItem(t); else s.setItem(t, old); } catch { /* storage unusable */ }
      this.shadow.set(id, {value, ts});
      e = (e && e.name) || e;
      this.once(`ferrodash: store "${id}" could not be saved to ${this.name} (${e}); keeping it in memory for this page`, /quota/i.test(e));
    }
  }
  removeItem(id) {
    this.shadow.delete(id);
    for (const s of ['-timestamp', '-version', '']) try { this.storage.removeItem(this.key(id) + s); } catch { /* nothing stored */ }
  }
  getModified(id) {
    return this.shadow.has(id) ? this.shadow.get(id).ts : parseInt(this.raw(this.key(id) + '-timestamp'), 10) || -1;
  }
  once(msg, visible) { if (!this.warned.has(msg)) { this.warned.add(msg); this.warn(msg, visible); } }
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

// A `storage` event from another document (§6). Unlike Dash, the timestamp
// comes along (it was stored first), and a value that is not JSON or of
// another schema version is ignored instead of throwing.
export function storageEventProps(e, props, back) {
  const id = storeKey(props);
  if (!(back instanceof WebStore) || e.key !== back.key(id) || e.newValue === e.oldValue ||
    (e.storageArea && back.storage && e.storageArea !== back.storage)) return null;
  let data = null;
  if (e.newValue !== null) {
    if (!back.fits(id)) return null;
    try { data = JSON.parse(e.newValue); } catch {
      back.once(`ferrodash: ignored a value for store "${id}" from another tab that is not JSON`);
      return null;
    }
  }
  back.shadow.delete(id);
  return {data, modified_timestamp: back.getModified(id)};
}
