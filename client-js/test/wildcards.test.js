// Pattern-matching callbacks (wire protocol §5.3, §6.1, §8): resolution of
// ALL, MATCH and ALLSMALLER against the layout, and the scheduler's calls.
import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {buildGraph, layoutCalls, buildRequest, resolve, Scheduler} from '../src/callbacks.js';
import * as wc from '../src/wildcards.js';
import {parseId, stringifyId} from '../src/ids.js';

const id = (o) => stringifyId(o);
const item = (i, p) => ({id: typeof i === 'string' ? parseId(i) : i, property: p});
const pm = (i, type = 'pm') => id({index: i, type});
const spec = (output, inputs, state = [], extra = {}) => ({
  output, inputs: inputs.map(([i, p]) => item(i, p)), state: state.map(([i, p]) => item(i, p)),
  prevent_initial_call: false, clientside_function: null, no_output: false, ...extra,
});
const MATCH_OUT = '{"index":["MATCH"],"type":"pmout"}';
const graphOf = deps => {
  const g = buildGraph(deps);
  g.wc = wc;
  g.patterns.forEach(wc.prepare);
  return g;
};
const tick = () => new Promise(r => setTimeout(r, 0));
const settle = async () => { for (let i = 0; i < 5; i++) await tick(); };

// A scheduler over a fake layout {idStr: props}, in layout order.
function harness(deps, layout) {
  const nodes = new Map(Object.entries(layout).map(([k, p]) => [k, {...p}]));
  const requests = [], errors = [], applied = [];
  const host = {
    exists: k => nodes.has(k),
    value: (k, p) => nodes.get(k)?.[p],
    objs: () => wc.index([...nodes.keys()].map(k => ({type: 'Div', namespace: 'dash_html_components', props: {id: parseId(k)}}))),
    post: body => new Promise(resolve => requests.push({body, resolve})),
    apply(k, props) {
      if (!nodes.has(k)) return [];
      Object.assign(nodes.get(k), props);
      applied.push([k, props]);
      return Object.keys(props).map(p => `${k}.${p}`);
    },
    error: m => errors.push(m),
    busy: () => {},
  };
  const s = new Scheduler(graphOf(deps), host);
  const answer = async (i, response) => { requests[i].resolve({status: 200, data: {multi: true, response}}); await settle(); };
  return {s, nodes, requests, errors, applied, answer, bodies: () => requests.map(r => r.body)};
}

test('id values sort as Dash sorts them: numbers (numeric strings too), booleans, strings', () => {
  assert.deepEqual(['b', true, 3, 'a', false, '10', 1.5].sort(wc.idValSort), [1.5, 3, '10', false, true, 'a', 'b']);
});

test('ALL resolves in layout order, MATCH to the ref\'s value, ALLSMALLER to smaller values', () => {
  const g = graphOf([spec(MATCH_OUT + '.children', [['{"index":["MATCH"],"type":"pm"}', 'n_clicks'], ['{"index":["ALLSMALLER"],"type":"pm"}', 'value'], ['{"index":["ALL"],"type":"pm"}', 'value']])]);
  const layout = [pm(2), pm(0), pm(1), pm(1, 'pmout'), pm(0, 'pmout'), 'x'];
  const env = {g, exists: k => layout.includes(k), objs: () => wc.index(layout.map(k => ({type: 'Div', namespace: 'n', props: {id: parseId(k)}})))};
  const [cb] = g.callbacks;
  const calls = layoutCalls(env, layout);
  assert.deepEqual(calls.map(c => c.key), ['0[1]', '0[0]'], 'one initial call per MATCH value set, in layout order');
  const ins = resolve(env, calls[0], 'inputs').map(list => list.map(d => d.idStr));
  assert.deepEqual(ins, [[pm(1)], [pm(0)], [pm(2), pm(0), pm(1)]]);
  assert.deepEqual(resolve(env, calls[1], 'inputs')[1], [], 'nothing is smaller than 0');
  assert.equal(cb.inputs[0].multi, false);
  assert.equal(cb.inputs[1].multi, true);
});

test('request bodies exactly as Dash sends them (§6.1): MATCH output and input; ALL input', async () => {
  const h = harness([
    spec(MATCH_OUT + '.children', [['{"index":["MATCH"],"type":"pm"}', 'n_clicks']], [], {prevent_initial_call: true}),
    spec('pmall.children', [['{"index":["ALL"],"type":"pm"}', 'n_clicks']], [], {prevent_initial_call: true}),
  ], {[pm(0)]: {}, [pm(1)]: {}, [pm(2)]: {}, [pm(0, 'pmout')]: {}, [pm(1, 'pmout')]: {}, [pm(2, 'pmout')]: {}, pmall: {}});
  h.nodes.get(pm(0)).n_clicks = 1;
  h.s.trigger([pm(0) + '.n_clicks']);
  await settle();
  assert.equal(JSON.stringify(h.bodies()[0]),
    '{"output":"{\\"index\\":[\\"MATCH\\"],\\"type\\":\\"pmout\\"}.children","outputs":{"id":{"index":0,"type":"pmout"},"property":"children"},"inputs":[{"id":{"index":0,"type":"pm"},"property":"n_clicks","value":1}],"changedPropIds":["{\\"index\\":0,\\"type\\":\\"pm\\"}.n_clicks"],"parsedChangedPropsIds":[{"index":0,"type":"pm"}]}');
  assert.equal(h.requests.length, 2, 'the ALL callback fires too');
  h.nodes.get(pm(0)).n_clicks = undefined;
  h.nodes.get(pm(1)).n_clicks = 1;
  h.s.trigger([pm(1) + '.n_clicks']);
  await settle();
  const all = h.bodies().filter(b => b.output === 'pmall.children').at(-1);
  assert.equal(JSON.stringify(all),
    '{"output":"pmall.children","outputs":{"id":"pmall","property":"children"},"inputs":[[{"id":{"index":0,"type":"pm"},"property":"n_clicks"},{"id":{"index":1,"type":"pm"},"property":"n_clicks","value":1},{"id":{"index":2,"type":"pm"},"property":"n_clicks"}]],"changedPropIds":["{\\"index\\":1,\\"type\\":\\"pm\\"}.n_clicks"],"parsedChangedPropsIds":[{"index":1,"type":"pm"}]}');
  const match = h.bodies().filter(b => b.output !== 'pmall.children');
  assert.deepEqual(match.map(b => b.outputs.id.index), [0, 1], 'each MATCH value set is its own call');
});

test('response keys are stringified dict ids in any key order; dependents fire', async () => {
  const h = harness([
    spec(MATCH_OUT + '.children', [['{"index":["MATCH"],"type":"pm"}', 'n_clicks']], [], {prevent_initial_call: true}),
    spec('{"index":["MATCH"],"type":"echo"}.children', [[MATCH_OUT, 'children']], [], {prevent_initial_call: true}),
  ], {[pm(3)]: {}, [pm(3, 'pmout')]: {}, [pm(3, 'echo')]: {}, [pm(4, 'echo')]: {}});
  h.s.trigger([pm(3) + '.n_clicks']);
  await settle();
  await h.answer(0, {'{"type":"pmout","index":3}': {children: 'three'}});
  assert.equal(h.nodes.get(pm(3, 'pmout')).children, 'three');
  assert.deepEqual(h.bodies().map(b => b.output), [MATCH_OUT + '.children', '{"index":["MATCH"],"type":"echo"}.children']);
  assert.deepEqual(h.bodies()[1].outputs, {id: {index: 3, type: 'echo'}, property: 'children'});
  assert.deepEqual(h.bodies()[1].changedPropIds, [pm(3, 'pmout') + '.children']);
});

test('ALLSMALLER: a change fires the MATCH outputs above it; ALL outputs are arrays', async () => {
  const h = harness([
    spec('{"index":["MATCH"],"type":"sum"}.children', [['{"index":["ALLSMALLER"],"type":"v"}', 'value']], [], {prevent_initial_call: true}),
    spec('{"index":["ALL"],"type":"mirror"}.children', [['go', 'n_clicks']], [], {prevent_initial_call: true}),
  ], {[pm(0, 'v')]: {value: 5}, [pm(1, 'v')]: {value: 6}, [pm(2, 'v')]: {value: 7}, [pm(0, 'sum')]: {}, [pm(1, 'sum')]: {}, [pm(2, 'sum')]: {},
    go: {}, [pm(0, 'mirror')]: {}, [pm(1, 'mirror')]: {}});
  h.s.trigger([pm(0, 'v') + '.value']);
  await settle();
  const sums = h.bodies();
  assert.deepEqual(sums.map(b => b.outputs.id.index), [1, 2]);
  assert.deepEqual(sums.map(b => b.inputs[0].map(i => i.value)), [[5], [5, 6]]);
  h.s.trigger(['go.n_clicks']);
  await settle();
  const mirror = h.bodies().at(-1);
  assert.deepEqual(mirror.outputs, [{id: {index: 0, type: 'mirror'}, property: 'children'}, {id: {index: 1, type: 'mirror'}, property: 'children'}]);
});

test('new components: MATCH initial calls for their ids; ALL callbacks outside the chunk re-fire; removal re-fires ALL', async () => {
  const h = harness([
    spec('{"index":["MATCH"],"type":"label"}.children', [['{"index":["MATCH"],"type":"del"}', 'n_clicks']]),
    spec('count.children', [['{"index":["ALL"],"type":"del"}', 'n_clicks']]),
    spec('{"index":["MATCH"],"type":"late"}.children', [['{"index":["MATCH"],"type":"del"}', 'n_clicks']], [], {prevent_initial_call: true}),
  ], {count: {}, list: {}});
  h.s.addLayout(['count', 'list']);
  await settle();
  assert.deepEqual(h.bodies().map(b => b.output), ['count.children'], 'ALL-only inputs fire even with no component');
  assert.deepEqual(h.bodies()[0].inputs, [[]]);
  await h.answer(0, {count: {children: '0'}});
  for (const i of [0, 1]) { h.nodes.set(pm(i, 'del'), {}); h.nodes.set(pm(i, 'label'), {}); h.nodes.set(pm(i, 'late'), {}); }
  h.s.addLayout([pm(0, 'del'), pm(0, 'label'), pm(0, 'late'), pm(1, 'del'), pm(1, 'label'), pm(1, 'late')], true);
  await settle();
  const outs = h.bodies().slice(1).map(b => [b.output, b.changedPropIds]);
  assert.deepEqual(outs.map(([o]) => o).sort(), ['count.children', '{"index":["MATCH"],"type":"label"}.children', '{"index":["MATCH"],"type":"label"}.children']);
  assert.deepEqual(outs.find(([o]) => o === 'count.children')[1], [pm(0, 'del') + '.n_clicks', pm(1, 'del') + '.n_clicks']);
  assert.deepEqual(h.bodies().filter(b => b.output.includes('label')).map(b => b.changedPropIds), [[], []], 'initial calls of the new chunk');
  h.requests.slice(1).forEach(r => r.resolve({status: 204}));
  await settle();
  const before = h.requests.length;
  h.nodes.delete(pm(0, 'del'));
  h.nodes.delete(pm(0, 'label'));
  h.s.removed([pm(0, 'del'), pm(0, 'label')]);
  await settle();
  assert.deepEqual(h.bodies().slice(before).map(b => [b.output, b.inputs[0].length, b.changedPropIds]), [['count.children', 1, []]]);
});

test('ALLSMALLER removal re-fires the outputs above the removed component', async () => {
  const h = harness([
    spec('{"index":["MATCH"],"type":"sum"}.children', [['{"index":["ALLSMALLER"],"type":"v"}', 'value']], [], {prevent_initial_call: true}),
  ], {[pm(1, 'v')]: {}, [pm(2, 'v')]: {}, [pm(1, 'sum')]: {}, [pm(2, 'sum')]: {}, [pm(3, 'sum')]: {}});
  h.nodes.delete(pm(2, 'v'));
  h.s.removed([pm(2, 'v')]);
  await settle();
  assert.deepEqual(h.bodies().map(b => b.outputs.id.index), [3]);
});

test('running keys with MATCH mean the call\'s own components; off after a 204', async () => {
  const running = {running: {'{"index":["MATCH"],"type":"del"}.disabled': true}, runningOff: {'{"index":["MATCH"],"type":"del"}.disabled': false}};
  const h = harness([
    spec('{"index":["MATCH"],"type":"label"}.children', [['{"index":["MATCH"],"type":"del"}', 'n_clicks']], [], {prevent_initial_call: true, running}),
  ], {[pm(0, 'del')]: {}, [pm(1, 'del')]: {}, [pm(0, 'label')]: {}, [pm(1, 'label')]: {}});
  h.s.trigger([pm(1, 'del') + '.n_clicks']);
  await settle();
  assert.equal(h.nodes.get(pm(1, 'del')).disabled, true);
  assert.equal(h.nodes.get(pm(0, 'del')).disabled, undefined);
  h.requests[0].resolve({status: 204});
  await settle();
  assert.equal(h.nodes.get(pm(1, 'del')).disabled, false);
});

test('a MATCH output that is gone with its input present is a reference error; the app goes on', async () => {
  const h = harness([
    spec(MATCH_OUT + '.children', [['{"index":["MATCH"],"type":"pm"}', 'n_clicks'], ['x', 'value']], [], {prevent_initial_call: true}),
  ], {[pm(0)]: {}, [pm(0, 'pmout')]: {}});
  h.s.trigger([pm(0) + '.n_clicks']);
  await settle();
  assert.equal(h.requests.length, 0);
  assert.match(h.errors[0], /nonexistent object was used in an `Input`.*`x`/);
});

test('buildRequest: a single ALL output is an array; an empty ALL is an empty array', () => {
  const g = graphOf([spec('{"i":["ALL"],"t":"o"}.children', [['{"i":["ALL"],"t":"b"}', 'n_clicks']])]);
  const env = {g, exists: () => false, objs: () => new Map()};
  const c = {cb: g.callbacks[0], changed: new Set(), ref: null};
  const res = Object.fromEntries(['outputs', 'inputs', 'state'].map(k => [k, resolve(env, c, k)]));
  assert.deepEqual(buildRequest(c, res, () => 1), {output: '{"i":["ALL"],"t":"o"}.children', outputs: [], inputs: [[]], changedPropIds: [], parsedChangedPropsIds: []});
});
