import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {applyPatch, isPatch} from '../src/patch.js';

const patch = (...operations) => ({__dash_patch_update: '__dash_patch_update', operations});
const op = (operation, location, params = {}) => ({operation, location, params});

test('the documented example: Append, Assign, Delete run in order', () => {
  const p = patch(op('Append', [], {value: 'zz'}), op('Assign', [0], {value: 99}), op('Delete', [1]));
  assert.deepEqual(applyPatch(['a', 'b', 'c'], p), [99, 'c', 'zz']);
});

test('nested locations, negative indices, and every operation', () => {
  const v = {list: [1, 2, 3], obj: {a: 1}, n: 10, s: 'ab', rm: [1, {x: 1}, 1]};
  const out = applyPatch(v, patch(
    op('Assign', ['list', -1], {value: 30}), op('Merge', ['obj'], {value: {b: 2}}),
    op('Extend', ['list'], {value: [4]}), op('Prepend', ['list'], {value: 0}),
    op('Insert', ['list'], {index: -1, value: 'i'}), op('Add', ['n'], {value: 5}),
    op('Sub', ['n'], {value: 1}), op('Mul', ['n'], {value: 2}), op('Div', ['n'], {value: 4}),
    op('Add', ['s'], {value: 'c'}), op('Remove', ['rm'], {value: {x: 1}}), op('Reverse', ['rm']),
    op('Delete', ['obj', 'a']), op('Clear', ['s']),
  ));
  assert.deepEqual(out, {list: [0, 1, 2, 30, 'i', 4], obj: {b: 2}, n: 7, s: '', rm: [1, 1]});
  assert.deepEqual(v.list, [1, 2, 3], 'the current value is not mutated');
});

test('patching undefined fails like Dash; null is not caught by that check', () => {
  assert.throws(() => applyPatch(undefined, patch(op('Assign', [], {value: 1}))), /Cannot patch undefined/);
  assert.equal(applyPatch(null, patch(op('Assign', [], {value: 1}))), 1);
  assert.equal(isPatch({__dash_patch_update: '__dash_patch_update', operations: []}), true);
  assert.equal(isPatch({a: 1}), false);
  assert.equal(isPatch(null), false);
});
