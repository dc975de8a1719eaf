import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {attrFor, isDangerousUrl, normalizeOptions} from '../src/components.js';

test('javascript: URLs are recognised however they are disguised', () => {
  for (const u of ['javascript:alert(1)', ' JavaScript:alert(1)', '\tjava\nscript:x', 'JAVASCRIPT:x', '\u0001javascript:x', 'vbscript:x']) {
    assert.equal(isDangerousUrl(u), true, JSON.stringify(u));
  }
  for (const u of ['https://example.com', '/path', 'page.html#javascript:', 'mailto:a@b.c']) {
    assert.equal(isDangerousUrl(u), false, u);
  }
});

test('URL attributes refuse dangerous values', () => {
  assert.deepEqual(attrFor('href', 'javascript:alert(1)'), ['href', null]);
  assert.deepEqual(attrFor('src', ' javascript:x'), ['src', null]);
  assert.deepEqual(attrFor('action', 'JavaScript:x'), ['action', null]);
  assert.deepEqual(attrFor('formAction', 'javascript:x'), ['formAction', null]);
  assert.deepEqual(attrFor('href', '/ok'), ['href', '/ok']);
});

test('event handler props and markup props are never attributes', () => {
  for (const k of ['onClick', 'onclick', 'ONLOAD', 'onMouseOver', 'srcDoc', 'dangerouslySetInnerHTML', 'children', 'n_clicks']) {
    assert.equal(attrFor(k, 'alert(1)'), null, k);
  }
});

test('React-style names, booleans, numbers, ids', () => {
  assert.deepEqual(attrFor('className', 'a b'), ['class', 'a b']);
  assert.deepEqual(attrFor('htmlFor', 'x'), ['for', 'x']);
  assert.deepEqual(attrFor('hidden', true), ['hidden', '']);
  assert.deepEqual(attrFor('disabled', false), ['disabled', null]);
  assert.deepEqual(attrFor('aria-hidden', false), ['aria-hidden', 'false']);
  assert.deepEqual(attrFor('colSpan', 2), ['colSpan', '2']);
  assert.deepEqual(attrFor('open', true), ['open', ''], 'html.Details(open=True) is not an event handler');
  assert.deepEqual(attrFor('title', null), ['title', null]);
  assert.equal(attrFor('title', {a: 1}), null);
  assert.deepEqual(attrFor('id', {type: 'x', i: 2}), ['id', '{"i":2,"type":"x"}']);
});

test('dropdown options in all three Dash forms', () => {
  assert.deepEqual(normalizeOptions(['overview', 3]), [
    {label: 'overview', value: 'overview', disabled: false}, {label: '3', value: 3, disabled: false}]);
  assert.deepEqual(normalizeOptions([{label: 'A', value: 'a', disabled: true}, {value: 2}]), [
    {label: 'A', value: 'a', disabled: true}, {label: '2', value: 2, disabled: false}]);
  assert.deepEqual(normalizeOptions({a: 'Ay', b: 'Bee'}), [
    {label: 'Ay', value: 'a', disabled: false}, {label: 'Bee', value: 'b', disabled: false}]);
  assert.deepEqual(normalizeOptions(null), []);
});
