import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {stringifyId, parseCallbackId, dep, isWildcard} from '../src/ids.js';

test('string ids stay as they are', () => {
  assert.equal(stringifyId('user_id_store'), 'user_id_store');
});

test('dict ids: sorted keys, compact JSON, like Dash', () => {
  assert.equal(stringifyId({type: 'st', i: 1}), '{"i":1,"type":"st"}');
  assert.equal(stringifyId({s: 'x', b: true, k: ['ALL'], i: 1}), '{"b":true,"i":1,"k":["ALL"],"s":"x"}');
  assert.equal(stringifyId({a: 'é'}), '{"a":"é"}');
});

test('single-output callback id', () => {
  const [o] = parseCallbackId('out.children');
  assert.deepEqual([o.id, o.idStr, o.property, o.prop, o.propId], ['out', 'out', 'children', 'children', 'out.children']);
});

test('multi-output callback id ..a.p...b.q..', () => {
  const outs = parseCallbackId('..mem.data...loc.data...x.children..');
  assert.deepEqual(outs.map(o => o.propId), ['mem.data', 'loc.data', 'x.children']);
});

test('allow_duplicate hash is kept in property, stripped in prop', () => {
  const [o] = parseCallbackId('dup.children@3eb5c687');
  assert.equal(o.property, 'children@3eb5c687');
  assert.equal(o.prop, 'children');
  assert.equal(o.propId, 'dup.children');
});

test('dict ids in callback ids, with Dash-escaped dots', () => {
  const outs = parseCallbackId('..{"a\\.b":1,"t":"x"}.children...y.value..');
  assert.deepEqual(outs[0].id, {'a.b': 1, t: 'x'});
  assert.equal(outs[0].idStr, '{"a.b":1,"t":"x"}');
  assert.equal(outs[1].propId, 'y.value');
  const [p] = parseCallbackId('{"type":"s","index":2}.data');
  assert.deepEqual(p.id, {type: 's', index: 2});
  assert.equal(p.propId, '{"index":2,"type":"s"}.data');
});

test('dependency ids given as stringified dicts are normalised', () => {
  const d = dep('{"type":"s","index":2}', 'value');
  assert.deepEqual(d.id, {type: 's', index: 2});
  assert.equal(d.idStr, '{"index":2,"type":"s"}');
  assert.equal(isWildcard(dep('{"index":["MATCH"],"type":"s"}', 'value').id), true);
  assert.equal(isWildcard(d.id), false);
});
