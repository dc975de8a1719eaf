import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {readConfig} from '../src/config.js';

const PAGE = '{"url_base_pathname":null,"requests_pathname_prefix":"/","ui":false,"props_check":false,"suppress_callback_exceptions":false,"update_title":"Updating...","ferrodash":{"store_prefix":""}}';

test('the contract config', () => {
  const c = readConfig(PAGE);
  assert.equal(c.prefix, '/');
  assert.equal(c.updateTitle, 'Updating...');
  assert.equal(c.storePrefix, '');
  assert.equal(c.ui, false);
});

test('prefix gets a trailing slash; url_base_pathname is the fallback', () => {
  assert.equal(readConfig('{"requests_pathname_prefix":"/app"}').prefix, '/app/');
  assert.equal(readConfig('{"requests_pathname_prefix":null,"url_base_pathname":"/b/"}').prefix, '/b/');
  assert.equal(readConfig('{}').prefix, '/');
});

test('store prefix: absent ferrodash means Dash keys', () => {
  assert.equal(readConfig('{"requests_pathname_prefix":"/"}').storePrefix, '');
  assert.equal(readConfig('{"ferrodash":{"store_prefix":"app1:"}}').storePrefix, 'app1:');
  assert.equal(readConfig('{"ferrodash":{"store_prefix":5}}').storePrefix, '');
});

test('update_title false disables the title change; ui true is dev mode', () => {
  assert.equal(readConfig('{"update_title":null}').updateTitle, '');
  assert.equal(readConfig('{"ui":true}').ui, true);
});
