import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {clientside, Patch} from '../src/clientside.js';
import {buildGraph, buildRequest, resolve} from '../src/callbacks.js';
import * as wc from '../src/wildcards.js';
import {parseId} from '../src/ids.js';

const graph = buildGraph([
  {output: 'out.children', inputs: [{id: 'inp', property: 'value'}], state: [{id: 's', property: 'data'}], clientside_function: {namespace: 'ns', function_name: 'one'}},
  {output: '..a.x...b.y..', inputs: [{id: 'inp', property: 'value'}], state: [], clientside_function: {namespace: 'ns', function_name: 'two'}},
  {output: '{"i":["ALL"],"t":"o"}.children', inputs: [{id: {i: ['ALL'], t: 'b'}, property: 'n_clicks'}], state: [], clientside_function: {namespace: 'ns', function_name: 'all'}},
  {output: 'x', no_output: true, inputs: [{id: 'inp', property: 'value'}], state: [], clientside_function: {namespace: 'ns', function_name: 'none'}},
]);
graph.wc = wc;
graph.patterns.forEach(wc.prepare);
const [single, multi, all, none] = graph.callbacks;
const layout = ['out', 'a', 'b', 'inp', 's', '{"i":1,"t":"b"}', '{"i":2,"t":"b"}', '{"i":1,"t":"o"}', '{"i":2,"t":"o"}'];
const env = {
  g: graph, exists: id => layout.includes(id),
  objs: () => wc.index(layout.map(k => ({type: 'Div', namespace: 'dash_html_components', props: {id: parseId(k)}}))),
};
const vals = {'inp.value': 'v', 's.data': 3, '{"i":2,"t":"b"}.n_clicks': 4};
const body = (cb, changed = ['inp.value']) => {
  const c = {cb, changed: new Set(changed), ref: null};
  const res = Object.fromEntries(['outputs', 'inputs', 'state'].map(k => [k, resolve(env, c, k)]));
  return buildRequest(c, res, (id, p) => vals[`${id}.${p}`]);
};
const io = (sets = []) => ({set: u => sets.push(u), get: (id, p) => vals[`${id}.${p}`]});

test('a clientside function gets inputs then state; callback_context as Dash builds it, during the call only', async () => {
  let ctx;
  const win = {dash_clientside: {ns: {one(v, s) { ctx = win.dash_clientside.callback_context; return `cs:${v}:${s}`; }}}};
  assert.deepEqual(await clientside(win, single, body(single), io()), {status: 200, data: {response: {out: {children: 'cs:v:3'}}}});
  assert.deepEqual(ctx.triggered, [{prop_id: 'inp.value', value: 'v'}]);
  assert.equal(ctx.triggered_id, 'inp');
  assert.deepEqual(ctx.inputs, {'inp.value': 'v'});
  assert.deepEqual(ctx.states, {'s.data': 3});
  assert.deepEqual(ctx.outputs_list, {id: 'out', property: 'children'});
  assert.equal(win.dash_clientside.callback_context, undefined);
  await clientside(win, single, body(single, []), io());
  assert.deepEqual(ctx.triggered, [], 'an initial call triggered nothing (Dash renderer: [])');
  assert.equal(ctx.triggered_id, undefined);
});

test('no_update skips outputs (a lone one all of them), PreventUpdate is a 204, promises are awaited', async () => {
  const win = {dash_clientside: {ns: {}}};
  win.dash_clientside.ns.one = () => 1;
  await clientside(win, single, body(single), io());
  const dc = win.dash_clientside;
  dc.ns.two = async () => [dc.no_update, 5];
  assert.deepEqual(await clientside(win, multi, body(multi), io()), {status: 200, data: {response: {b: {y: 5}}}});
  dc.ns.two = () => dc.no_update;
  assert.deepEqual(await clientside(win, multi, body(multi), io()), {status: 200, data: {response: {}}});
  dc.ns.one = () => { throw dc.PreventUpdate; };
  assert.deepEqual(await clientside(win, single, body(single), io()), {status: 204});
  dc.ns.one = async () => { await null; throw dc.PreventUpdate; };
  assert.deepEqual(await clientside(win, single, body(single), io()), {status: 204});
  dc.ns.one = () => dc.no_update;
  assert.deepEqual(await clientside(win, single, body(single, []), io()), {status: 200, data: {response: {}}});
  assert.throws(() => { dc.no_update = 1; }, TypeError, 'no_update is fixed, as in Dash');
});

test('ALL inputs arrive as arrays, ALL outputs take an array; ids are stringified with sorted keys', async () => {
  let args, ctx;
  const win = {dash_clientside: {ns: {all(clicks) { args = clicks; ctx = win.dash_clientside.callback_context; return ['one', 'two']; }}}};
  const b = body(all, ['{"i":2,"t":"b"}.n_clicks']);
  const res = await clientside(win, all, b, io());
  assert.deepEqual(args, [undefined, 4]);
  assert.deepEqual(ctx.triggered_id, {i: 2, t: 'b'});
  assert.deepEqual(ctx.inputs, {'{"i":1,"t":"b"}.n_clicks': null, '{"i":2,"t":"b"}.n_clicks': 4});
  assert.deepEqual(res.data.response, {'{"i":1,"t":"o"}': {children: 'one'}, '{"i":2,"t":"o"}': {children: 'two'}});
});

test('set_props applies at once through the host; get_props reads; Patch builds Dash patches', async () => {
  const sets = [];
  const win = {dash_clientside: {ns: {none(v) {
    win.dash_clientside.set_props({t: 'b', i: 1}, {n_clicks: 9});
    win.dash_clientside.set_props('out', {children: win.dash_clientside.get_props('s', 'data')});
  }}}};
  assert.deepEqual(await clientside(win, none, body(none), io(sets)), {status: 200, data: {response: {}}});
  assert.deepEqual(sets, [{'{"i":1,"t":"b"}': {n_clicks: 9}}, {out: {children: 3}}]);
  const p = new win.dash_clientside.Patch().assign(['a'], 1).append([], 2).insert(['l'], -1, 'x').delete([0]).clear(['c']).build();
  assert.deepEqual(p, {__dash_patch_update: '__dash_patch_update', operations: [
    {operation: 'Assign', location: ['a'], params: {value: 1}},
    {operation: 'Append', location: [], params: {value: 2}},
    {operation: 'Insert', location: ['l'], params: {index: -1, value: 'x'}},
    {operation: 'Delete', location: [0], params: {}},
    {operation: 'Clear', location: ['c'], params: {}},
  ]});
  assert.equal(win.dash_clientside.Patch, Patch);
});

test('a missing function or a bad multi-output result is an error', async () => {
  await assert.rejects(clientside({}, single, body(single), io()), /ns\.one not found/);
  await assert.rejects(clientside({dash_clientside: {ns: {two: () => 1}}}, multi, body(multi), io()), /must return an array/);
});

test('clientside functions are looked up, never evaluated: no eval, no Function, no inline script', () => {
  const src = readFileSync(new URL('../src/clientside.js', import.meta.url), 'utf8');
  assert.doesNotMatch(src, /\beval\(|new Function|Function\(|createElement\(['"]script/);
});
