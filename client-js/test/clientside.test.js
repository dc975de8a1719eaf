import test from 'node:test';
import assert from 'node:assert/strict';
import {clientside} from '../src/clientside.js';
import {buildGraph, buildRequest} from '../src/callbacks.js';

const graph = buildGraph([
  {output: 'out.children', inputs: [{id: 'inp', property: 'value'}], state: [{id: 's', property: 'data'}], clientside_function: {namespace: 'ns', function_name: 'one'}},
  {output: '..a.x...b.y..', inputs: [{id: 'inp', property: 'value'}], state: [], clientside_function: {namespace: 'ns', function_name: 'two'}},
]);
const [single, multi] = graph.callbacks;
const vals = {'inp.value': 'v', 's.data': 3};
const body = (cb, changed = ['inp.value']) => buildRequest(cb, new Set(changed), (id, p) => vals[`${id}.${p}`]);

test('a clientside function gets inputs then state, and its result is a response', async () => {
  let ctx;
  const win = {dash_clientside: {ns: {one(v, s) { ctx = win.dash_clientside.callback_context; return `cs:${v}:${s}`; }}}};
  assert.deepEqual(await clientside(win, single, body(single)), {status: 200, data: {response: {out: {children: 'cs:v:3'}}}});
  assert.deepEqual(ctx.triggered, [{prop_id: 'inp.value', value: 'v'}]);
  assert.equal(ctx.triggered_id, 'inp');
  assert.deepEqual(ctx.states, {'s.data': 3});
});

test('no_update skips outputs, PreventUpdate is a 204, promises are awaited', async () => {
  const win = {dash_clientside: {ns: {}}};
  win.dash_clientside.ns.two = async () => [win.dash_clientside.no_update, 5];
  await clientside(win, single, body(single)).catch(() => {});
  assert.deepEqual(await clientside(win, multi, body(multi)), {status: 200, data: {response: {b: {y: 5}}}});
  win.dash_clientside.ns.one = () => { throw win.dash_clientside.PreventUpdate; };
  assert.deepEqual(await clientside(win, single, body(single)), {status: 204});
  win.dash_clientside.ns.one = () => win.dash_clientside.no_update;
  assert.deepEqual(await clientside(win, single, body(single, [])), {status: 200, data: {response: {}}});
});

test('a missing function or a bad multi-output result is an error', async () => {
  await assert.rejects(clientside({}, single, body(single)), /ns\.one not found/);
  await assert.rejects(clientside({dash_clientside: {ns: {two: () => 1}}}, multi, body(multi)), /must return an array/);
});
