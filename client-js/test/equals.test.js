import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {equals} from '../src/equals.js';

test('type-strict on primitives', () => {
  assert.equal(equals(1, true), false);
  assert.equal(equals(0, false), false);
  assert.equal(equals('1', 1), false);
  assert.equal(equals(null, undefined), false);
  assert.equal(equals('', null), false);
  assert.equal(equals('a', 'a'), true);
  assert.equal(equals(2, 2), true);
});

test('NaN equals NaN, like Ramda', () => {
  assert.equal(equals(NaN, NaN), true);
  assert.equal(equals({a: NaN}, {a: NaN}), true);
  assert.equal(equals(NaN, 0), false);
});

test('objects compare by keys regardless of order', () => {
  assert.equal(equals({a: 1, b: {c: [1, 2]}}, {b: {c: [1, 2]}, a: 1}), true);
  assert.equal(equals({a: 1}, {a: 1, b: 2}), false);
  assert.equal(equals({a: 1, b: 2}, {a: 1}), false);
  assert.equal(equals({a: undefined}, {}), false);
  assert.equal(equals({a: undefined}, {b: undefined}), false);
});

test('arrays compare in order and are not objects', () => {
  assert.equal(equals([1, 2], [1, 2]), true);
  assert.equal(equals([1, 2], [2, 1]), false);
  assert.equal(equals([1], [1, 1]), false);
  assert.equal(equals([], {}), false);
  assert.equal(equals({0: 'a', length: 1}, ['a']), false);
  assert.equal(equals([null], [undefined]), false);
});

test('deep values', () => {
  const a = {x: [{y: 'z', n: null}, 3, [true]], s: ''};
  assert.equal(equals(a, JSON.parse(JSON.stringify(a))), true);
  assert.equal(equals(a, {x: [{y: 'z', n: null}, 3, [1]], s: ''}), false);
});
