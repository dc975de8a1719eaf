import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {MemStore, WebStore, mountStore, updateStore, storageEventProps} from '../src/store.js';

class FakeStorage {
  constructor(init = {}) { this.m = new Map(Object.entries(init)); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
  dump() { return Object.fromEntries(this.m); }
}
class FullStorage extends FakeStorage {
  setItem() { throw new DOMException("Failed to execute 'setItem' on 'Storage': quota exceeded", 'QuotaExceededError'); }
}
const warnings = () => { const list = []; const warn = m => list.push(m); warn.list = list; return warn; };
const web = (init, prefix = '') => { const s = new FakeStorage(init); const w = warnings(); return {s, w, b: new WebStore(s, prefix, 'localStorage', w)}; };
const near = ts => typeof ts === 'number' && Math.abs(ts - Date.now()) < 1000;

// Mount table, dcc-store-behavior.md §4, one test per row.
test('mount: memory with layout data seeds the store, falsy values too', () => {
  for (const v of [{a: 1}, 0, false, '', {}, []]) {
    const b = new MemStore();
    const set = mountStore({id: 'm', data: v}, b);
    assert.deepEqual(Object.keys(set), ['modified_timestamp']);
    assert.ok(near(set.modified_timestamp));
    assert.deepEqual(b.getItem('m'), v);
  }
});

test('mount: memory without data sets nothing', () => {
  assert.equal(mountStore({id: 'm'}, new MemStore()), null);
});

test('mount: memory with explicit null makes data undefined and timestamp -1', () => {
  const set = mountStore({id: 'm', data: null}, new MemStore());
  assert.ok('data' in set);
  assert.equal(set.data, undefined);
  assert.equal(set.modified_timestamp, -1);
});

test('mount: web store empty (or unparsable, or "null") and layout V seeds storage', () => {
  for (const init of [{}, {loc: '{not json'}, {loc: 'null'}]) {
    const {s, b} = web(init);
    const set = mountStore({id: 'loc', data: {n: 1}}, b);
    assert.equal(s.getItem('loc'), '{"n":1}');
    assert.ok(near(set.modified_timestamp));
    assert.equal(String(set.modified_timestamp), s.getItem('loc-timestamp'));
  }
});

test('mount: web store empty and layout data absent sets data null and timestamp -1 (or a leftover one)', () => {
  assert.deepEqual(mountStore({id: 'loc'}, web({}).b), {data: null, modified_timestamp: -1});
  assert.deepEqual(mountStore({id: 'loc'}, web({'loc-timestamp': '1700'}).b), {data: null, modified_timestamp: 1700});
});

test('mount: web store empty and explicit null layout data sets nothing', () => {
  const {s, b} = web({});
  assert.equal(mountStore({id: 'loc', data: null}, b), null);
  assert.deepEqual(s.dump(), {});
});

test('mount: web store equal to layout data (any key order) sets nothing', () => {
  const {s, b} = web({loc: '{"a":1,"b":[1,2]}', 'loc-timestamp': '1700'});
  assert.equal(mountStore({id: 'loc', data: {b: [1, 2], a: 1}}, b), null);
  assert.equal(s.getItem('loc-timestamp'), '1700');
});

test('mount: stored value wins over absent, null or different layout data', () => {
  for (const props of [{id: 'loc'}, {id: 'loc', data: null}, {id: 'loc', data: 'layout'}]) {
    const {s, b} = web({loc: '"details"', 'loc-timestamp': '1700'});
    assert.deepEqual(mountStore(props, b), {data: 'details', modified_timestamp: 1700});
    assert.equal(s.getItem('loc'), '"details"');
  }
});

test('after the mount props are applied, the update algorithm has nothing left to do', () => {
  const cases = [
    [new MemStore(), {id: 'm', data: 5}], [new MemStore(), {id: 'm', data: null}],
    [web({}).b, {id: 'loc'}], [web({loc: '"S"', 'loc-timestamp': '9'}).b, {id: 'loc', data: 'V'}],
  ];
  for (const [b, props] of cases) {
    Object.assign(props, mountStore(props, b));
    assert.equal(updateStore(props, b), null);
  }
});

test('keys: app prefix and stringified dict ids', () => {
  const {s, b} = web({}, 'app1:');
  mountStore({id: {type: 'st', i: 1}, data: 'x'}, b);
  assert.deepEqual(Object.keys(s.dump()).sort(), ['app1:{"i":1,"type":"st"}', 'app1:{"i":1,"type":"st"}-timestamp']);
});

// Update algorithm, §5.
test('update: different data is written with a new timestamp', () => {
  const {s, b} = web({loc: '"a"', 'loc-timestamp': '1700'});
  const set = updateStore({id: 'loc', data: 'b'}, b);
  assert.equal(s.getItem('loc'), '"b"');
  assert.ok(near(set.modified_timestamp));
  assert.equal(s.getItem('loc-timestamp'), String(set.modified_timestamp));
});

test('update: equal data writes nothing', () => {
  const {s, b} = web({loc: '{"a":[1]}', 'loc-timestamp': '1700'});
  assert.equal(updateStore({id: 'loc', data: {a: [1]}}, b), null);
  assert.equal(s.getItem('loc-timestamp'), '1700');
});

test('update: undefined data is restored from storage, timestamp untouched', () => {
  const {b} = web({loc: '[1,2]', 'loc-timestamp': '1700'});
  assert.deepEqual(updateStore({id: 'loc', data: undefined}, b), {data: [1, 2]});
});

test('update: null data is written as "null"', () => {
  const {s, b} = web({loc: '1'});
  assert.ok(near(updateStore({id: 'loc', data: null}, b).modified_timestamp));
  assert.equal(s.getItem('loc'), 'null');
});

test('update: clear_data on a web store removes both keys, timestamp -1, and wins over data', () => {
  const {s, b} = web({loc: '1', 'loc-timestamp': '1700'});
  assert.deepEqual(updateStore({id: 'loc', data: 7, clear_data: true}, b), {clear_data: false, data: null, modified_timestamp: -1});
  assert.deepEqual(s.dump(), {});
});

test('update: clear_data on memory bumps the timestamp, then null is stored once', () => {
  const b = new MemStore();
  const props = {id: 'm', data: 1};
  Object.assign(props, mountStore(props, b));
  props.clear_data = true;
  const set = updateStore(props, b);
  assert.equal(set.clear_data, false);
  assert.equal(set.data, null);
  assert.ok(near(set.modified_timestamp));
  Object.assign(props, set);
  const again = updateStore(props, b);
  assert.ok(near(again.modified_timestamp));
  assert.equal(b.getItem('m'), null);
  Object.assign(props, again);
  assert.equal(updateStore(props, b), null);
});

test('memory store: one timestamp per instance, bumped on remove', () => {
  const b = new MemStore();
  assert.equal(b.getModified(), -1);
  b.setItem('k', 1);
  const t = b.getModified();
  assert.ok(near(t));
  b.removeItem('k');
  assert.equal(b.getItem('k'), undefined);
  assert.ok(b.getModified() >= t);
});

test('corrupt stored value reads as null with one warning', () => {
  const {b, w} = web({loc: '{oops', 'loc-timestamp': 'garbage'});
  assert.equal(b.getItem('loc'), null);
  assert.equal(b.getItem('loc'), null);
  assert.equal(b.getModified('loc'), -1);
  assert.equal(w.list.length, 1);
  assert.match(w.list[0], /"loc"/);
});

test('QuotaExceededError: value kept in memory, warning names the store, timestamp advances', async () => {
  const s = new FullStorage({big: '"old"', 'big-timestamp': '1700'});
  const w = warnings();
  const b = new WebStore(s, '', 'localStorage', w);
  const props = {id: 'big', data: 'new'};
  const set = updateStore(props, b);
  assert.ok(set.modified_timestamp > 1700);
  assert.ok(near(set.modified_timestamp));
  assert.equal(w.list.length, 1);
  assert.match(w.list[0], /"big"/);
  assert.match(w.list[0], /QuotaExceededError/);
  assert.equal(b.getItem('big'), 'new');
  assert.equal(s.getItem('big'), '"old"');
  Object.assign(props, set);
  assert.equal(updateStore(props, b), null, 'no write loop once the value is held in memory');
});

test('storage that cannot be reached (sandboxed frame) behaves like an in-memory store', () => {
  const w = warnings();
  const b = new WebStore(null, '', 'sessionStorage', w);
  const props = {id: 's', data: {a: 1}};
  const set = mountStore(props, b);
  assert.ok(near(set.modified_timestamp));
  assert.deepEqual(b.getItem('s'), {a: 1});
  assert.match(w.list[0], /"s"/);
});

test('storage events: exact key match, JSON guarded, removal; the stored timestamp comes with the data', () => {
  const {s, b, w} = web({loc: '"new"', 'loc-timestamp': '1800'});
  const props = {id: 'loc', data: 'old'};
  const ev = (key, oldValue, newValue) => ({key, oldValue, newValue, storageArea: s});
  assert.deepEqual(storageEventProps(ev('loc', '"old"', '"new"'), props, b), {data: 'new', modified_timestamp: 1800});
  assert.equal(storageEventProps(ev('locx', null, '"x"'), props, b), null);
  assert.equal(storageEventProps(ev('lo', null, '"x"'), props, b), null);
  assert.equal(storageEventProps(ev(null, null, null), props, b), null, 'clear() in another tab is ignored');
  assert.equal(storageEventProps(ev('loc', '"a"', '"a"'), props, b), null);
  assert.equal(storageEventProps(ev('loc', '"a"', '{bad'), props, b), null);
  assert.equal(w.list.length, 1);
  assert.match(w.list[0], /"loc".*not JSON/);
  s.removeItem('loc-timestamp');
  assert.deepEqual(storageEventProps(ev('loc', '"a"', null), props, b), {data: null, modified_timestamp: -1}, 'removal (clear_data)');
  assert.equal(storageEventProps(ev('loc-timestamp', '1800', '1900'), props, b), null,
    'the timestamp key is written before the data key, so its own event is not needed');
  assert.equal(storageEventProps({...ev('loc', '"a"', '"b"'), storageArea: new FakeStorage()}, props, b), null, 'other storage area');
  assert.equal(storageEventProps(ev('loc', '"a"', '"b"'), props, new MemStore()), null, 'memory stores never sync');
});

test('storage events use the app prefix', () => {
  const {s, b} = web({}, 'p:');
  const props = {id: 'loc'};
  assert.equal(storageEventProps({key: 'loc', oldValue: null, newValue: '1', storageArea: s}, props, b), null);
  assert.equal(storageEventProps({key: 'p:loc', oldValue: null, newValue: '1', storageArea: s}, props, b).data, 1);
});

// Beyond Dash: write order, failed writes, schema versions.
class LoggingStorage extends FakeStorage {
  constructor(init, limit = Infinity) { super(init); this.log = []; this.limit = limit; }
  setItem(k, v) {
    if (String(v).length > this.limit) throw new DOMException('exceeded the quota', 'QuotaExceededError');
    this.log.push(k);
    super.setItem(k, v);
  }
}

test('a write stores version, timestamp, then data, so another tab reads the new timestamp with the data', () => {
  const s = new LoggingStorage();
  new WebStore(s, 'p/', 'localStorage', () => {}, 3).setItem('loc', {a: 1});
  assert.deepEqual(s.log, ['p/loc-version', 'p/loc-timestamp', 'p/loc']);
  assert.equal(s.getItem('p/loc-version'), '3');
  const plain = new LoggingStorage();
  new WebStore(plain).setItem('loc', 1);
  assert.deepEqual(plain.log, ['loc-timestamp', 'loc'], 'without a schema_version, exactly Dash\'s keys');
});

test('a data write over the quota keeps the stored value and its timestamp, and warns visibly once', () => {
  const s = new LoggingStorage({big: '"old"', 'big-timestamp': '1700'}, 100);
  const calls = [];
  const b = new WebStore(s, '', 'localStorage', (m, visible) => calls.push([m, visible]));
  const props = {id: 'big', data: 'x'.repeat(200)};
  const set = updateStore(props, b);
  assert.ok(near(set.modified_timestamp));
  assert.equal(s.getItem('big'), '"old"');
  assert.equal(s.getItem('big-timestamp'), '1700', 'the timestamp written before the data is put back');
  assert.equal(b.getItem('big'), props.data, 'the value lives on in memory');
  Object.assign(props, set, {data: 'y'.repeat(200)});
  updateStore(props, b);
  assert.equal(calls.length, 1, 'one warning per store');
  assert.match(calls[0][0], /store "big" could not be saved to localStorage \(QuotaExceededError\)/);
  assert.equal(calls[0][1], true, 'a quota warning is shown in the page');
  Object.assign(props, {data: 'small'});
  updateStore(props, b);
  assert.equal(s.getItem('big'), '"small"', 'a later write that fits is stored again');
  assert.equal(b.shadow.size, 0);
});

test('storage that cannot be reached warns in the console only', () => {
  const calls = [];
  new WebStore(null, '', 'sessionStorage', (m, visible) => calls.push(visible)).setItem('s', 1);
  assert.deepEqual(calls, [false]);
});

test('schema_version: data of another version (or none) is dropped with a warning; the layout data is used', () => {
  for (const stored of ['1', null]) {
    const init = {loc: '[1,2]', 'loc-timestamp': '1700'};
    if (stored) init['loc-version'] = stored;
    const s = new FakeStorage(init), w = warnings();
    const b = new WebStore(s, '', 'localStorage', w, 2);
    const set = mountStore({id: 'loc', data: {tasks: []}, schema_version: 2}, b);
    assert.ok(near(set.modified_timestamp));
    assert.deepEqual(Object.keys(set), ['modified_timestamp']);
    assert.equal(s.getItem('loc'), '{"tasks":[]}');
    assert.equal(s.getItem('loc-version'), '2');
    assert.equal(w.list.length, 1);
    assert.match(w.list[0], new RegExp(`store "loc" has data of schema version ${stored ?? 'none'} in localStorage, not 2`));
  }
});

test('schema_version: without layout data the old data is removed and the store starts empty', () => {
  const s = new FakeStorage({loc: '[1]', 'loc-timestamp': '1700', 'loc-version': '1'});
  const b = new WebStore(s, '', 'localStorage', () => {}, 2);
  assert.deepEqual(mountStore({id: 'loc', schema_version: 2}, b), {data: null, modified_timestamp: -1});
  assert.deepEqual(s.dump(), {});
});

test('schema_version: data of the same version is used; a store without one ignores no version key', () => {
  const s = new FakeStorage({loc: '[1]', 'loc-timestamp': '1700', 'loc-version': '2'});
  assert.deepEqual(mountStore({id: 'loc', data: [], schema_version: 2}, new WebStore(s, '', 'x', () => {}, 2)), {data: [1], modified_timestamp: 1700});
  const plain = new FakeStorage({loc: '[1]', 'loc-timestamp': '1700', 'loc-version': '2'});
  const w = warnings();
  assert.equal(mountStore({id: 'loc', data: [0]}, new WebStore(plain, '', 'x', w)).modified_timestamp > 1700, true,
    'a store that dropped its schema_version drops versioned data');
  assert.equal(plain.getItem('loc-version'), null);
  assert.equal(w.list.length, 1);
});

test('schema_version: a storage event with data of another version is ignored', () => {
  const s = new FakeStorage({loc: '{"v3":1}', 'loc-timestamp': '1800', 'loc-version': '3'});
  const w = warnings();
  const b = new WebStore(s, '', 'localStorage', w, 2);
  const ev = {key: 'loc', oldValue: '[]', newValue: '{"v3":1}', storageArea: s};
  assert.equal(storageEventProps(ev, {id: 'loc', data: []}, b), null);
  assert.equal(w.list.length, 1);
  s.setItem('loc-version', '2');
  assert.deepEqual(storageEventProps(ev, {id: 'loc', data: []}, b), {data: {v3: 1}, modified_timestamp: 1800});
});

test('clear_data removes the version key too, the data key last', () => {
  const s = new LoggingStorage({loc: '1', 'loc-timestamp': '1700', 'loc-version': '2'});
  const order = [];
  s.removeItem = k => { order.push(k); s.m.delete(k); };
  assert.deepEqual(updateStore({id: 'loc', data: 1, clear_data: true}, new WebStore(s, '', 'x', () => {}, 2)),
    {clear_data: false, data: null, modified_timestamp: -1});
  assert.deepEqual(order, ['loc-timestamp', 'loc-version', 'loc']);
});
