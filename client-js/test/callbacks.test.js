import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {buildGraph, layoutCalls, readyCalls, buildRequest, updatesOf, readResponse, resolve, Scheduler} from '../src/callbacks.js';
import * as wc from '../src/wildcards.js';
import {parseId} from '../src/ids.js';

const dep = s => { const i = s.lastIndexOf('.'); return {id: s.slice(0, i), property: s.slice(i + 1)}; };
const spec = (output, inputs, state = [], prevent = false) => ({
  output, inputs: inputs.map(dep), state: state.map(dep),
  prevent_initial_call: prevent, clientside_function: null, no_output: false,
});
const tick = () => new Promise(r => setTimeout(r, 0));
const settle = async () => { for (let i = 0; i < 5; i++) await tick(); };

// A graph as app.js builds it: pattern callbacks prepared by wildcards.js.
const graphOf = deps => {
  const g = buildGraph(deps);
  if (g.patterns.length) { g.wc = wc; g.patterns.forEach(wc.prepare); }
  return g;
};
// What the scheduler resolves against: ids in layout order.
const envOf = (g, ids) => ({
  g, exists: id => ids.includes(id),
  objs: () => wc.index(ids.map(k => ({type: 'Div', namespace: 'dash_html_components', props: {id: parseId(k)}}))),
});
const call = (cb, changed = [], extra = {}) => ({cb, key: '' + cb.index, changed: new Set(changed), preds: new Set(), ...extra});
const request = (env, c, value) => buildRequest(c, Object.fromEntries(['outputs', 'inputs', 'state'].map(k => [k, resolve(env, c, k)])), value);

// A scheduler over a fake layout: {idStr: props}. Requests wait until answered.
function harness(deps, layout) {
  const nodes = new Map(Object.entries(layout).map(([k, p]) => [k, {...p}]));
  const requests = [], errors = [], busy = [];
  const host = {
    exists: id => nodes.has(id),
    value: (id, p) => nodes.get(id)?.[p],
    objs: () => envOf(null, [...nodes.keys()]).objs(),
    post: body => new Promise((resolve, reject) => requests.push({body, resolve, reject})),
    apply(id, props) {
      if (!nodes.has(id)) return [];
      Object.assign(nodes.get(id), props);
      return Object.keys(props).map(k => `${id}.${k}`);
    },
    error: m => errors.push(m),
    busy: b => busy.push(b),
  };
  const s = new Scheduler(graphOf(deps), host);
  const answer = async (i, response, extra = {}) => {
    requests[i].resolve({status: 200, data: {multi: true, response, ...extra}});
    await settle();
  };
  const outputsOf = () => requests.map(r => r.body.output);
  return {s, host, nodes, requests, errors, busy, answer, outputsOf};
}

test('buildGraph parses outputs, inputs and state', () => {
  const g = graphOf([spec('..a.x...b.y..', ['c.z'], ['d.w'])]);
  const [cb] = g.callbacks;
  assert.equal(cb.multi, true);
  assert.deepEqual(cb.outputs.map(o => o.propId), ['a.x', 'b.y']);
  assert.deepEqual(g.inputMap.get('c.z'), [cb]);
  assert.deepEqual(cb.state.map(d => d.propId), ['d.w']);
});

test('pattern-matching callbacks are kept apart for wildcards.js; plain dict ids are plain', () => {
  const g = graphOf([
    spec('{"i":["MATCH"],"t":"o"}.children', ['{"i":["MATCH"],"t":"b"}.n_clicks']),
    spec('{"i":1,"t":"x"}.children', ['{"t":"y","i":1}.n_clicks']),
  ]);
  assert.equal(g.callbacks.length, 2);
  assert.deepEqual(g.patterns, [g.callbacks[0]]);
  assert.equal(g.callbacks[0].pattern, true);
  assert.deepEqual(g.inputMap.get('{"i":1,"t":"y"}.n_clicks'), [g.callbacks[1]]);
});

test('initial calls: prevent_initial_call and the exclusion pass', () => {
  const g = graphOf([
    spec('out1.children', ['a.value']),            // X: kept
    spec('b.value', ['c.value'], [], true),         // P: prevented, so not initial
    spec('out2.children', ['b.value']),            // Y: kept, P's output counts as present
    spec('out3.children', ['missing.value']),      // Z: no input in the layout
    spec('out4.children', ['out3.children']),      // W: only input is Z's output
    spec('out5.children', ['out4.children', 'missing.x']), // V: inputs all excluded or missing
    spec('gone.children', ['a.value']),            // output not in the layout
    spec('out6.children', [], ['a.value']),        // no inputs: kept
    spec('out7.children', ['out3.children', 'a.value']), // one live input: kept
  ]);
  const ids = ['a', 'b', 'c', 'out1', 'out2', 'out3', 'out4', 'out5', 'out6', 'out7'];
  const calls = layoutCalls(envOf(g, ids), ids);
  assert.deepEqual(calls.map(c => c.cb.output), ['out1.children', 'out2.children', 'out6.children', 'out7.children']);
  assert.ok(calls.every(c => c.initial && c.changed.size === 0));
});

test('initial calls of callbacks without outputs', () => {
  const g = graphOf([
    {output: 'h1', no_output: true, inputs: [dep('a.value')], state: []},
    {output: 'h2', no_output: true, inputs: [], state: []},
    {output: 'h3', no_output: true, inputs: [dep('missing.value')], state: []},
    {output: 'h4', no_output: true, inputs: [], state: [], prevent_initial_call: true},
  ]);
  const env = envOf(g, ['a']);
  const calls = layoutCalls(env, ['a']);
  assert.deepEqual(calls.map(c => c.cb.output), ['h1', 'h2']);
  assert.deepEqual(request(env, call(g.callbacks[1]), () => undefined).outputs, []);
});

test('chunk calls: inputs inside a new chunk trigger callbacks writing outside it', () => {
  const g = graphOf([
    spec('outside.children', ['inner.value'], [], true),
    spec('inner2.children', ['inner.value']),
  ]);
  const all = ['outside', 'inner', 'inner2'];
  const calls = layoutCalls(envOf(g, all), ['inner', 'inner2'], true);
  const byOut = Object.fromEntries(calls.map(c => [c.cb.output, c]));
  assert.deepEqual([...byOut['outside.children'].changed], ['inner.value']);
  assert.equal(byOut['outside.children'].initial, false);
  assert.equal(byOut['inner2.children'].initial, true);
});

test('readiness is transitive and ignores state', () => {
  const g = graphOf([
    spec('b.v', ['a.v']), spec('c.v', ['b.v']), spec('d.v', ['c.v']),
    spec('e.v', ['x.v'], ['b.v']), spec('f.v', ['f.v', 'a.v']),
  ]);
  const [A, B, C, E, F] = g.callbacks.map(cb => call(cb));
  const env = envOf(g, ['a', 'b', 'c', 'd', 'e', 'f', 'x']);
  const ready = readyCalls(env, [C, E], [A, C, E]);
  assert.deepEqual(ready, [E], 'C waits for A two steps upstream; E only reads b as State');
  assert.deepEqual(readyCalls(env, [F], [F]), [F], 'own outputs do not block');
  assert.deepEqual(readyCalls(envOf(g, ['b', 'c']), [B], [B]), [B]);
});

test('buildRequest follows Dash: single output object, no value key for undefined, no state key without state', () => {
  const g = graphOf([spec('out.children', ['a.value', 'b.value']), spec('..x.data...y.data..', ['a.value'], ['s.data'])]);
  const values = {'a.value': 'hi', 's.data': {k: 1}};
  const v = (id, p) => values[`${id}.${p}`];
  const env = envOf(g, ['out', 'a', 'b', 'x', 'y', 's']);
  const r1 = request(env, call(g.callbacks[0], ['a.value']), v);
  assert.equal(JSON.stringify(r1),
    '{"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"a","property":"value","value":"hi"},{"id":"b","property":"value"}],"changedPropIds":["a.value"],"parsedChangedPropsIds":["a.value"]}');
  const r2 = request(env, call(g.callbacks[1]), v);
  assert.deepEqual(r2.outputs, [{id: 'x', property: 'data'}, {id: 'y', property: 'data'}]);
  assert.deepEqual(r2.state, [{id: 's', property: 'data', value: {k: 1}}]);
  assert.deepEqual(r2.changedPropIds, []);
});

test('buildRequest sends dict ids as objects', () => {
  const g = graphOf([spec('{"t":"o","i":1}.children', ['{"t":"b","i":1}.n_clicks'])]);
  const r = request(envOf(g, ['{"i":1,"t":"o"}', '{"i":1,"t":"b"}']), call(g.callbacks[0], ['{"i":1,"t":"b"}.n_clicks']), () => 3);
  assert.deepEqual(r.outputs, {id: {t: 'o', i: 1}, property: 'children'});
  assert.deepEqual(r.inputs[0].id, {t: 'b', i: 1});
  assert.deepEqual(r.parsedChangedPropsIds, [{i: 1, t: 'b'}]);
});

test('updatesOf strips @hash and splits id.prop side-update keys', () => {
  assert.deepEqual(updatesOf({a: {'children@abc': 1, value: 2}}), [['a', {children: 1, value: 2}]]);
  assert.deepEqual(updatesOf({'status.children': 'running'}), [['status', {children: 'running'}]]);
  assert.deepEqual(updatesOf({'{"t":"x","i":1}': {data: 1}}), [['{"i":1,"t":"x"}', {data: 1}]]);
});

test('readResponse: 200, 204, JSON error message, non-JSON error', async () => {
  const res = (status, text, statusText = '') => ({status, statusText, text: async () => text});
  assert.deepEqual(await readResponse(res(200, '{"multi":true,"response":{}}')), {status: 200, data: {multi: true, response: {}}});
  assert.deepEqual(await readResponse(res(204, '')), {status: 204});
  assert.deepEqual(await readResponse(res(500, '{"error":"callback_error","message":"boom"}')), {status: 500, kind: 'callback_error', message: 'boom'});
  assert.deepEqual(await readResponse(res(400, '{"error":"store_data","message":"edited"}')), {status: 400, kind: 'store_data', message: 'edited'});
  assert.deepEqual(await readResponse(res(500, '<html>', 'Internal Server Error')), {status: 500, kind: undefined, message: 'HTTP 500 Internal Server Error'});
  assert.match((await readResponse(res(200, '<html>'))).message, /not JSON/);
});

test('a chain runs once, in order, with final values', async () => {
  const h = harness([spec('b.children', ['a.value']), spec('c.children', ['b.children'])],
    {a: {value: 1}, b: {children: 'b0'}, c: {}});
  h.s.addLayout(['a', 'b', 'c']);
  await settle();
  assert.deepEqual(h.outputsOf(), ['b.children'], 'c waits for b');
  await h.answer(0, {b: {children: 'B1'}});
  assert.deepEqual(h.outputsOf(), ['b.children', 'c.children']);
  assert.deepEqual(h.requests[1].body.changedPropIds, ['b.children']);
  assert.equal(h.requests[1].body.inputs[0].value, 'B1');
  await h.answer(1, {c: {children: 'C'}});
  assert.equal(h.requests.length, 2);
  assert.equal(h.nodes.get('c').children, 'C');
});

test('a diamond waits for the whole upstream chain and merges changedPropIds', async () => {
  const h = harness([spec('b.v', ['a.v']), spec('c.v', ['b.v']), spec('d.v', ['a.v', 'c.v'])],
    {a: {v: 0}, b: {}, c: {}, d: {}});
  h.nodes.get('a').v = 1;
  h.s.trigger(['a.v']);
  await settle();
  assert.deepEqual(h.outputsOf(), ['b.v']);
  await h.answer(0, {b: {v: 2}});
  assert.deepEqual(h.outputsOf(), ['b.v', 'c.v']);
  await h.answer(1, {c: {v: 3}});
  assert.deepEqual(h.outputsOf(), ['b.v', 'c.v', 'd.v']);
  assert.deepEqual(h.requests[2].body.changedPropIds.sort(), ['a.v', 'c.v']);
  assert.deepEqual(h.requests[2].body.inputs.map(i => i.value), [1, 3]);
});

test('execution-group pruning: a prevented start-up call stops its dependents', async () => {
  for (const answer of [r => r.resolve({status: 204}), r => r.resolve({status: 200, data: {multi: true, response: {}}})]) {
    const h = harness([
      spec('b.children', ['a.value']), spec('c.children', ['b.children']),
      spec('d.children', ['x.value'], ['b.children']),
    ], {a: {}, b: {}, c: {}, d: {}, x: {}});
    h.s.addLayout(['a', 'b', 'c', 'd', 'x']);
    await settle();
    assert.deepEqual(h.outputsOf().sort(), ['b.children', 'd.children'], 'state does not make d wait');
    answer(h.requests[h.outputsOf().indexOf('b.children')]);
    await settle();
    assert.equal(h.requests.length, 2, 'c was dropped');
    assert.equal(h.s.queue.length, 0);
  }
});

test('a prevent_initial_call callback does not stop dependents at start-up', async () => {
  const h = harness([spec('b.children', ['a.n_clicks'], [], true), spec('c.children', ['b.children'])],
    {a: {}, b: {children: 'x'}, c: {}});
  h.s.addLayout(['a', 'b', 'c']);
  await settle();
  assert.deepEqual(h.outputsOf(), ['c.children']);
});

test('dedupe: triggers of the same callback merge; a triggered call replaces the initial one', async () => {
  const h = harness([spec('out.children', ['store.modified_timestamp', 'other.value'], ['store.data'])],
    {store: {data: 'uuid'}, other: {}, out: {}});
  h.s.addLayout(['store', 'other', 'out']);
  h.nodes.get('store').modified_timestamp = 1795673735804;
  h.s.trigger(['store.modified_timestamp']);
  h.s.trigger(['other.value']);
  await settle();
  assert.equal(h.requests.length, 1);
  const body = h.requests[0].body;
  assert.deepEqual(body.changedPropIds, ['store.modified_timestamp', 'other.value']);
  assert.equal(body.inputs[0].value, 1795673735804);
  assert.deepEqual(body.state, [{id: 'store', property: 'data', value: 'uuid'}]);
});

test('a store mount merges into the initial call: first request carries store.modified_timestamp', async () => {
  const h = harness([spec('output.children', ['memory.modified_timestamp'], ['memory.data'])],
    {memory: {data: 'store-test-uuid'}, output: {}});
  h.s.addLayout(['memory', 'output']);
  h.nodes.get('memory').modified_timestamp = 1795673735804;
  h.s.trigger(['memory.modified_timestamp']);
  await settle();
  assert.equal(JSON.stringify(h.requests[0].body),
    '{"output":"output.children","outputs":{"id":"output","property":"children"},"inputs":[{"id":"memory","property":"modified_timestamp","value":1795673735804}],"changedPropIds":["memory.modified_timestamp"],"parsedChangedPropsIds":["memory.modified_timestamp"],"state":[{"id":"memory","property":"data","value":"store-test-uuid"}]}');
});

test('latest wins: a stale response is discarded and fires nothing', async () => {
  const h = harness([spec('b.children', ['a.value']), spec('c.children', ['b.children'])],
    {a: {value: 1}, b: {}, c: {}});
  h.s.trigger(['a.value']);
  await settle();
  h.nodes.get('a').value = 2;
  h.s.trigger(['a.value']);
  await settle();
  assert.deepEqual(h.requests.map(r => r.body.inputs[0].value), [1, 2], 'requests are built at dispatch time');
  await h.answer(1, {b: {children: 'two'}});
  assert.equal(h.nodes.get('b').children, 'two');
  await h.answer(0, {b: {children: 'one'}});
  assert.equal(h.nodes.get('b').children, 'two');
  assert.deepEqual(h.outputsOf(), ['b.children', 'b.children', 'c.children']);
});

test('at most 12 calls in flight', async () => {
  const deps = Array.from({length: 20}, (_, i) => spec(`o${i}.children`, ['a.value']));
  const layout = {a: {}};
  for (let i = 0; i < 20; i++) layout[`o${i}`] = {};
  const h = harness(deps, layout);
  h.s.trigger(['a.value']);
  await settle();
  assert.equal(h.requests.length, 12);
  await h.answer(0, {});
  assert.equal(h.requests.length, 13);
});

test('callback outputs re-trigger listeners even when the value is unchanged', async () => {
  const h = harness([spec('b.children', ['a.value']), spec('c.children', ['b.children'])],
    {a: {}, b: {children: 'same'}, c: {}});
  h.s.trigger(['a.value']);
  await settle();
  await h.answer(0, {b: {children: 'same'}});
  assert.deepEqual(h.outputsOf(), ['b.children', 'c.children']);
});

test('sideUpdate is applied before response, and both trigger listeners', async () => {
  const order = [];
  const h = harness([spec('b.children', ['a.value']), spec('y.children', ['x.children'])],
    {a: {}, b: {}, x: {}, y: {}});
  const apply = h.host.apply;
  h.host.apply = (id, props) => { order.push(id); return apply(id, props); };
  h.s.trigger(['a.value']);
  await settle();
  await h.answer(0, {'b': {'children@f00': 'B'}}, {sideUpdate: {x: {children: 'X'}}});
  assert.deepEqual(order, ['x', 'b']);
  assert.equal(h.nodes.get('b').children, 'B');
  assert.deepEqual(h.outputsOf(), ['b.children', 'y.children']);
});

test('errors are reported with the output ids and the app keeps working', async () => {
  const h = harness([spec('b.children', ['a.value'])], {a: {}, b: {}});
  h.s.trigger(['a.value']);
  await settle();
  h.requests[0].resolve({status: 500, message: 'boom'});
  await settle();
  assert.deepEqual(h.errors, ['Callback error updating b.children: boom']);
  h.s.trigger(['a.value']);
  await settle();
  h.requests[1].reject(new TypeError('Failed to fetch'));
  await settle();
  assert.equal(h.errors[1], 'Callback error updating b.children: Callback failed: the server did not respond.');
  h.s.trigger(['a.value']);
  await settle();
  await h.answer(2, {b: {children: 'ok'}});
  assert.equal(h.nodes.get('b').children, 'ok');
});

test('a cycle runs each callback at most once per chain', async () => {
  const h = harness([spec('y.value', ['x.value']), spec('x.value', ['y.value'])], {x: {}, y: {}});
  h.s.trigger(['x.value']);
  await settle();
  await h.answer(0, {y: {value: 1}});
  assert.deepEqual(h.outputsOf(), ['y.value', 'x.value']);
  await h.answer(1, {x: {value: 2}});
  assert.equal(h.requests.length, 2);
});

test('a call whose outputs left the layout is dropped; all-missing inputs skip silently', async () => {
  const h = harness([spec('b.children', ['a.value']), spec('c.children', ['gone.value'])], {a: {}, b: {}, c: {}});
  h.s.trigger(['a.value']);
  h.nodes.delete('b');
  await settle();
  assert.equal(h.requests.length, 0);
  h.s.add({...call(h.s.graph.callbacks[1]), initial: true});
  await settle();
  assert.equal(h.requests.length, 0);
  assert.deepEqual(h.errors, []);
});

test('a missing State is reported and the call is skipped', async () => {
  const h = harness([spec('b.children', ['a.value'], ['nope.value'])], {a: {}, b: {}});
  h.s.trigger(['a.value']);
  await settle();
  assert.equal(h.requests.length, 0);
  assert.match(h.errors[0], /nonexistent object was used in an `State`.*`nope`/);
});

test('busy goes on while calls are pending and off afterwards', async () => {
  const h = harness([spec('b.children', ['a.value'])], {a: {}, b: {}});
  h.s.trigger(['a.value']);
  await settle();
  assert.deepEqual(h.busy, [true]);
  await h.answer(0, {});
  assert.deepEqual(h.busy, [true, false]);
});

test('bigger downstream chains are dispatched first', async () => {
  const h = harness([spec('p.v', ['a.v']), spec('q.v', ['a.v']), spec('r.v', ['q.v'])], {a: {}, p: {}, q: {}, r: {}});
  h.s.trigger(['a.v']);
  await settle();
  assert.deepEqual(h.outputsOf(), ['q.v', 'p.v']);
});

const running = {running: {'btn.disabled': true, 'status.children': 'working'}, runningOff: {'btn.disabled': false, 'status.children': 'idle'}};
const withRunning = (s, r = running) => ({...s, running: r});

test('running: on at dispatch, off once settled (answer, 204, error), through the apply path', async () => {
  for (const settleWith of [
    r => r.resolve({status: 200, data: {multi: true, response: {out: {children: 'done'}}}}),
    r => r.resolve({status: 204}),
    r => r.resolve({status: 500, message: 'boom'}),
    r => r.reject(new TypeError('Failed to fetch')),
  ]) {
    const h = harness([withRunning(spec('out.children', ['btn.n_clicks'], [], true)), spec('echo.children', ['btn.disabled'])],
      {btn: {}, out: {}, status: {}, echo: {}});
    h.s.trigger(['btn.n_clicks']);
    await settle();
    assert.deepEqual([h.nodes.get('btn').disabled, h.nodes.get('status').children], [true, 'working']);
    assert.deepEqual(h.outputsOf(), ['out.children', 'echo.children'], 'running props fire their listeners');
    settleWith(h.requests[0]);
    await settle();
    assert.deepEqual([h.nodes.get('btn').disabled, h.nodes.get('status').children], [false, 'idle']);
    assert.equal(h.outputsOf().filter(o => o === 'echo.children').length, 2);
  }
});

test('running stays on while a newer call of the callback is in flight; a superseded answer never applies', async () => {
  const h = harness([withRunning(spec('out.children', ['btn.n_clicks'], [], true))], {btn: {}, out: {}, status: {}});
  h.nodes.get('btn').n_clicks = 1;
  h.s.trigger(['btn.n_clicks']);
  await settle();
  h.nodes.get('btn').n_clicks = 2;
  h.s.trigger(['btn.n_clicks']);
  await settle();
  assert.equal(h.requests.length, 2);
  await h.answer(0, {out: {children: 'first'}});
  assert.equal(h.nodes.get('out').children, undefined, 'the superseded answer is dropped');
  assert.equal(h.nodes.get('btn').disabled, true, 'still running: the second call is in flight');
  await h.answer(1, {out: {children: 'second'}});
  assert.equal(h.nodes.get('out').children, 'second');
  assert.equal(h.nodes.get('btn').disabled, false);
});

test('latest wins when the earlier answer comes last, for every output and side update', async () => {
  const h = harness([spec('..b.children...c.children..', ['a.value'])], {a: {value: 1}, b: {}, c: {}, side: {}});
  h.s.trigger(['a.value']);
  await settle();
  h.nodes.get('a').value = 2;
  h.s.trigger(['a.value']);
  await settle();
  await h.answer(1, {b: {children: 'b2'}, c: {children: 'c2'}});
  await h.answer(0, {b: {children: 'b1'}, c: {children: 'c1'}}, {sideUpdate: {side: {children: 'late'}}});
  assert.deepEqual([h.nodes.get('b').children, h.nodes.get('c').children, h.nodes.get('side').children], ['b2', 'c2', undefined]);
});

test('allow_duplicate outputs of two callbacks: both answers land, @hash stripped', async () => {
  const h = harness([
    spec('store.data@aaa', ['btn.n_clicks'], [], true),
    spec('store.data@bbb', ['btn.n_clicks'], [], true),
  ], {btn: {}, store: {data: [0]}});
  h.s.trigger(['btn.n_clicks']);
  await settle();
  assert.deepEqual(h.requests.map(r => r.body.outputs), [{id: 'store', property: 'data@aaa'}, {id: 'store', property: 'data@bbb'}]);
  await h.answer(1, {store: {'data@bbb': [0, 2]}});
  await h.answer(0, {store: {'data@aaa': [0, 2, 1]}});
  assert.deepEqual(h.nodes.get('store').data, [0, 2, 1]);
});
