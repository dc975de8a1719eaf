// The whole client against a minimal fake DOM: rendering, the setProps path,
// Store mounting merged with initial calls, responses, new layout chunks.
import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {FakeStorage, html, dcc, spec, settle, boot} from './fakedom.js';


test('renders html elements with attributes, style and text, replacing the loading div', () => {
  const root = html('Div', {id: 'top', className: 'wrap', style: {marginTop: 4, opacity: 0.5, color: 'red'}, children: [
    html('H1', {children: 'Title'}), 'text ', 7, null,
    html('A', {id: 'link', href: ' JavaScript:alert(1)', title: 'x', onClick: 'alert(1)', children: 'l'}),
    html('Img', {id: 'img', src: 'pic.png', hidden: true, disabled: false}),
    html('Iframe', {id: 'frame', src: 'page.html', srcDoc: '<script>alert(1)</script>'}),
    html('Script', {id: 'script', children: 'alert(1)'}),
  ]});
  const t = boot({layout: root, deps: []});
  const top = t.byId('top');
  assert.equal(t.root.childNodes.length, 1);
  assert.equal(top.tagName, 'DIV');
  assert.equal(top.getAttribute('class'), 'wrap');
  assert.deepEqual({...top.style}, {marginTop: '4px', opacity: '0.5', color: 'red'});
  assert.equal(top.textContent, 'Titletext 7lalert(1)');
  const a = t.byId('link');
  assert.equal(a.getAttribute('href'), null, 'javascript: URLs are refused');
  assert.equal(a.getAttribute('onclick'), null);
  assert.equal(a.getAttribute('title'), 'x');
  const img = t.byId('img');
  assert.equal(img.tagName, 'IMG');
  assert.equal(img.getAttribute('src'), 'pic.png');
  assert.equal(img.getAttribute('hidden'), '');
  assert.equal(img.getAttribute('disabled'), null);
  assert.equal(t.byId('frame').getAttribute('srcdoc'), null);
  assert.equal(t.byId('frame').getAttribute('src'), 'page.html');
  assert.equal(t.byId('script').tagName, 'DIV', 'a script element is never created');
});

test('unknown components render as an empty div with a warning; the page keeps working', async () => {
  const t = boot({
    layout: [dcc('Graph', {id: 'g'}), html('Button', {id: 'b'}), html('P', {id: 'p'})],
    deps: [spec('p.children', ['b.n_clicks'], [], true)],
    handler: () => ({status: 200, data: {multi: true, response: {p: {children: 'clicked'}}}}),
  });
  assert.equal(t.byId('g').tagName, 'DIV');
  assert.match(t.logs.warn.join('\n'), /Graph/);
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.byId('p').textContent, 'clicked');
});

test('a click sends n_clicks; the response re-renders only the output component', async () => {
  const t = boot({
    layout: html('Div', {children: [html('Button', {id: 'btn', children: 'Go'}), html('P', {id: 'out', children: 'before'}), html('P', {id: 'other', children: 'same'})]}),
    deps: [spec('out.children', ['btn.n_clicks'], [], true)],
    handler: b => ({status: 200, data: {multi: true, response: {out: {children: `clicks: ${b.inputs[0].value}`}}}}),
  });
  const other = t.byId('other'), otherText = other.childNodes[0];
  await settle();
  assert.equal(t.requests.length, 0, 'prevent_initial_call');
  t.byId('btn').fire('click');
  t.byId('btn').fire('click');
  await settle();
  assert.equal(t.requests.length, 1, 'two clicks before dispatch coalesce');
  assert.deepEqual(t.requests[0].changedPropIds, ['btn.n_clicks']);
  assert.equal(t.requests[0].inputs[0].value, 2);
  assert.equal(t.byId('out').textContent, 'clicks: 2');
  assert.equal(t.byId('other'), other);
  assert.equal(other.childNodes[0], otherText, 'untouched components keep their DOM');
  assert.equal(t.app.ids.get('btn').props.n_clicks, 2);
  assert.ok(Math.abs(t.app.ids.get('btn').props.n_clicks_timestamp - Date.now()) < 1000);
});

test('memory store mount merges with the initial call (changedPropIds = modified_timestamp)', async () => {
  const t = boot({
    layout: [dcc('Store', {id: 'memory', data: 'store-test-uuid'}), html('Div', {id: 'output'})],
    deps: [spec('output.children', ['memory.modified_timestamp'], ['memory.data'])],
    handler: b => ({status: 200, data: {multi: true, response: {output: {children: b.state[0].value}}}}),
  });
  await settle();
  assert.equal(t.requests.length, 1);
  const [r] = t.requests;
  assert.deepEqual(r.changedPropIds, ['memory.modified_timestamp']);
  assert.ok(Math.abs(r.inputs[0].value - Date.now()) < 1000);
  assert.deepEqual(r.state, [{id: 'memory', property: 'data', value: 'store-test-uuid'}]);
  assert.equal(t.byId('output').textContent, 'store-test-uuid');
  assert.equal(t.root.childNodes.length, 1, 'a Store renders nothing');
});

test('a store whose data did not change at mount gets a plain initial call', async () => {
  const t = boot({
    layout: [dcc('Store', {id: 's'}), html('Div', {id: 'o'})],
    deps: [spec('o.children', ['s.data'])],
  });
  await settle();
  assert.deepEqual(t.requests.map(r => r.changedPropIds), [[]]);
  assert.equal('value' in t.requests[0].inputs[0], false, 'undefined data has no value key');
});

test('login flow: memory and local stores, local survives a reload, memory does not', async () => {
  const layout = [
    dcc('Input', {id: 'username_input', value: 'ada', type: 'text'}),
    html('Button', {id: 'button_login', children: 'Log in'}),
    dcc('Dropdown', {id: 'dashboard_option_dropdown', options: ['overview', 'details', 'settings']}),
    html('P', {id: 'user_id_text', children: 'Not logged in'}),
    html('P', {id: 'option_text', children: 'No option chosen'}),
    dcc('Store', {id: 'user_id_store'}),
    dcc('Store', {id: 'dashboard_option_store', storage_type: 'local'}),
  ];
  const deps = [
    spec('user_id_store.data', ['button_login.n_clicks'], ['username_input.value'], true),
    spec('user_id_text.children', ['user_id_store.data']),
    spec('dashboard_option_store.data', ['dashboard_option_dropdown.value'], ['user_id_store.data'], true),
    spec('option_text.children', ['dashboard_option_store.data']),
  ];
  const server = b => {
    const v = b.inputs[0].value;
    const out = {
      'user_id_store.data': () => ({user_id_store: {data: 1815}}),
      'user_id_text.children': () => ({user_id_text: {children: v == null ? 'Not logged in' : `User id: ${v}`}}),
      'dashboard_option_store.data': () => ({dashboard_option_store: {data: v}}),
      'option_text.children': () => ({option_text: {children: v == null ? 'No option chosen' : `Dashboard option: ${v}`}}),
    }[b.output]();
    return {status: 200, data: {multi: true, response: out}};
  };
  const local = new FakeStorage();
  const t = boot({layout, deps, handler: server, local});
  await settle();
  t.byId('button_login').fire('click');
  await settle();
  assert.equal(t.byId('user_id_text').textContent, 'User id: 1815');
  const select = t.byId('dashboard_option_dropdown');
  assert.equal(select.tagName, 'SELECT');
  assert.deepEqual(select.options.map(o => o.textContent), ['', 'overview', 'details', 'settings']);
  select.selectedIndex = 2;
  select.fire('change');
  await settle();
  assert.equal(local.getItem('dashboard_option_store'), '"details"');
  assert.ok(Math.abs(Number(local.getItem('dashboard_option_store-timestamp')) - Date.now()) < 1000);
  assert.equal(t.byId('option_text').textContent, 'Dashboard option: details');
  assert.deepEqual(t.logs.error, []);

  const again = boot({layout, deps, handler: server, local});
  await settle();
  assert.equal(again.byId('option_text').textContent, 'Dashboard option: details');
  assert.equal(again.byId('user_id_text').textContent, 'Not logged in');
  const first = again.requests.find(r => r.output === 'option_text.children');
  assert.deepEqual(first.changedPropIds, ['dashboard_option_store.data']);
});

test('callback output to store.data writes storage and fires modified_timestamp listeners', async () => {
  const local = new FakeStorage();
  const t = boot({
    layout: [html('Button', {id: 'b'}), dcc('Store', {id: 'loc', storage_type: 'local'}), html('P', {id: 'ts'})],
    deps: [spec('loc.data', ['b.n_clicks'], [], true), spec('ts.children', ['loc.modified_timestamp'], ['loc.data'], true)],
    handler: b => (b.output === 'loc.data'
      ? {status: 200, data: {multi: true, response: {loc: {data: {n: b.inputs[0].value}}}}}
      : {status: 200, data: {multi: true, response: {ts: {children: JSON.stringify(b.state[0].value)}}}}),
    local,
  });
  await settle();
  const mountCalls = t.requests.length;
  t.byId('b').fire('click');
  await settle();
  assert.equal(local.getItem('loc'), '{"n":1}');
  assert.equal(t.byId('ts').textContent, '{"n":1}');
  const tsCall = t.requests.at(-1);
  assert.deepEqual(tsCall.changedPropIds, ['loc.modified_timestamp']);
  assert.equal(t.requests.length, mountCalls + 2);
});

test('a storage event from another tab updates data and timestamp together, and their listeners fire', async () => {
  const local = new FakeStorage();
  const t = boot({
    layout: [dcc('Store', {id: 'loc', storage_type: 'local'}), html('P', {id: 'o'}), html('P', {id: 'ts'})],
    deps: [spec('o.children', ['loc.data'], [], true), spec('ts.children', ['loc.modified_timestamp'], ['loc.data'], true)],
    handler: b => ({status: 200, data: {multi: true, response: {[b.outputs.id]: {children: `${b.inputs[0].value} ${b.state?.[0].value ?? ''}`}}}}),
    local,
  });
  await settle();
  t.requests.length = 0;
  // What the other tab's client writes: timestamp first, then data.
  local.setItem('loc-timestamp', '1234');
  t.listeners.forEach(f => f({key: 'loc-timestamp', oldValue: null, newValue: '1234', storageArea: local}));
  local.setItem('loc', '"other tab"');
  t.listeners.forEach(f => f({key: 'loc', oldValue: null, newValue: '"other tab"', storageArea: local}));
  await settle();
  assert.equal(t.app.ids.get('loc').props.modified_timestamp, 1234);
  assert.equal(t.byId('o').textContent, 'other tab ');
  assert.equal(t.byId('ts').textContent, '1234 other tab');
  assert.deepEqual(t.requests.map(r => r.changedPropIds).sort(), [['loc.data'], ['loc.modified_timestamp']]);
  assert.deepEqual(local.m.get('loc'), '"other tab"', 'nothing is written back');
});

test('new children from a response are indexed and get their own initial calls', async () => {
  const t = boot({
    layout: [html('Button', {id: 'b'}), html('Div', {id: 'holder', children: html('Span', {id: 'old'})}), html('P', {id: 'far'})],
    deps: [
      spec('holder.children', ['b.n_clicks'], [], true),
      spec('inner_out.children', ['inner.value']),
      spec('far.children', ['inner_store.modified_timestamp'], [], true),
    ],
    handler: b => {
      if (b.output === 'holder.children') {
        return {status: 200, data: {multi: true, response: {holder: {children: [
          dcc('Input', {id: 'inner', value: 'v0'}), html('P', {id: 'inner_out'}), dcc('Store', {id: 'inner_store', data: 1}),
        ]}}}};
      }
      return {status: 200, data: {multi: true, response: {[b.outputs.id]: {children: `got ${b.inputs[0].value}`}}}};
    },
  });
  await settle();
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.app.ids.has('old'), false);
  assert.equal(t.app.ids.has('inner'), true);
  assert.equal(t.byId('inner').value, 'v0');
  assert.equal(t.byId('inner_out').textContent, 'got v0');
  assert.equal(t.byId('old'), null);
  assert.equal(t.byId('far').textContent.slice(0, 4), 'got ', 'the new Store mount triggered a callback outside the chunk');
  assert.deepEqual(t.requests.map(r => r.output).sort(), ['far.children', 'holder.children', 'inner_out.children']);
});

test('Input: typing sends value; numbers as numbers; re-render does not rewrite an equal value', async () => {
  const t = boot({
    layout: [dcc('Input', {id: 'txt', value: 'a'}), dcc('Input', {id: 'num', type: 'number'}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['txt.value', 'num.value'], [], true)],
    handler: b => ({status: 200, data: {multi: true, response: {txt: {value: b.inputs[0].value}, o: {children: JSON.stringify(b.inputs.map(i => i.value ?? null))}}}}),
  });
  const txt = t.byId('txt');
  assert.equal(txt.value, 'a');
  const writes = txt.valueWrites;
  txt._value = 'ab';
  txt.fire('input');
  await settle();
  assert.equal(t.app.ids.get('txt').props.value, 'ab');
  assert.equal(txt.valueWrites, writes, 'the echoed equal value is not written back');
  const num = t.byId('num');
  num._value = '42';
  num.fire('input');
  await settle();
  assert.equal(t.app.ids.get('num').props.value, 42);
  num._value = '';
  num.fire('input');
  await settle();
  assert.equal(t.app.ids.get('num').props.value, null);
  assert.equal(t.byId('o').textContent, '["ab",null]');
});

test('Dropdown options: strings, {label,value,disabled}, {value: label}; numbers round-trip', () => {
  const t = boot({layout: [
    dcc('Dropdown', {id: 'a', options: [{label: 'One', value: 1}, {label: 'Two', value: 2, disabled: true}], value: 2}),
    dcc('Dropdown', {id: 'b', options: {x: 'Ex', y: 'Why'}, placeholder: 'Pick'}),
  ], deps: []});
  const a = t.byId('a');
  assert.deepEqual(a.options.map(o => [o.textContent, o.value, !!o.disabled]), [['', '', false], ['One', '1', false], ['Two', '2', true]]);
  assert.equal(a.selectedIndex, 2);
  const before = [...a.options];
  a.selectedIndex = 1;
  a.fire('change');
  assert.equal(t.app.ids.get('a').props.value, 1);
  assert.deepEqual(a.options, before, 'choosing keeps the option elements');
  a.selectedIndex = 0;
  a.fire('change');
  assert.equal(t.app.ids.get('a').props.value, null, 'the empty option clears');
  t.app.setProps(t.app.ids.get('a'), {clearable: false, value: 2});
  assert.deepEqual(a.options.map(o => o.textContent), ['One', 'Two']);
  const b = t.byId('b');
  assert.deepEqual(b.options.map(o => o.textContent), ['Pick', 'Ex', 'Why']);
  assert.equal(b.selectedIndex, 0);
});

test('server errors without development mode: console.error only (as Dash), the page keeps working', async () => {
  let fail = true;
  const t = boot({
    layout: [html('Button', {id: 'b'}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['b.n_clicks'], [], true)],
    handler: () => (fail ? {status: 500, message: 'The callback failed.'} : {status: 200, data: {multi: true, response: {o: {children: 'fine'}}}}),
  });
  t.byId('b').fire('click');
  await settle();
  assert.deepEqual(t.logs.error, ['Callback error updating o.children: The callback failed.']);
  assert.equal(t.doc.body.find(e => e.id === '_ferrodash-errors'), null);
  fail = false;
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.byId('o').textContent, 'fine');
});

test('server errors in development mode (ui): a dismissible panel lists each error with its outputs', async () => {
  let n = 0;
  const t = boot({
    layout: [html('Button', {id: 'b'}), html('P', {id: 'o'}), html('P', {id: 'p'})],
    deps: [spec('..o.children...p.children..', ['b.n_clicks'], [], true)],
    handler: () => (++n < 3 ? {status: 500, message: `failure ${n}`} : {status: 200, data: {multi: true, response: {o: {children: 'fine'}}}}),
    config: '{"requests_pathname_prefix":"/","ui":true}',
  });
  t.byId('b').fire('click');
  await settle();
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.logs.error.length, 2, 'the console gets them too');
  const panel = t.doc.body.find(e => e.id === '_ferrodash-errors');
  assert.equal(panel.getAttribute('role'), 'alert');
  assert.match(panel.textContent, /^×2 problemsCallback error updating o\.children, p\.children: failure 1Callback error updating o\.children, p\.children: failure 2$/);
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.byId('o').textContent, 'fine', 'the page keeps working');
  panel.find(e => e.tagName === 'BUTTON').fire('click');
  assert.equal(t.doc.body.find(e => e.id === '_ferrodash-errors'), null);
});

test('document.title shows update_title while callbacks are pending', async () => {
  let answer;
  const t = boot({
    layout: [html('Button', {id: 'b'}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['b.n_clicks'], [], true)],
    handler: () => new Promise(resolve => { answer = resolve; }),
  });
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.requests.length, 1);
  assert.equal(t.doc.title, 'Updating...', 'while the call is pending');
  answer({status: 204});
  await settle();
  assert.equal(t.doc.title, 'App', 'once it is answered');
});

test('store_prefix namespaces web-storage keys', async () => {
  const local = new FakeStorage();
  boot({
    layout: [dcc('Store', {id: 'loc', storage_type: 'local', data: [1]})], deps: [], local,
    config: '{"requests_pathname_prefix":"/","ferrodash":{"store_prefix":"app1:"}}',
  });
  assert.deepEqual([...local.m.keys()].sort(), ['app1:loc', 'app1:loc-timestamp']);
});

test('no markup sinks anywhere in the client source', () => {
  const dir = new URL('../src/', import.meta.url);
  for (const f of readdirSync(dir)) {
    const src = readFileSync(new URL(f, dir), 'utf8');
    assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, f);
  }
});

test('setProps keeps only changed props: an equal value triggers nothing', async () => {
  const t = boot({
    layout: [dcc('Input', {id: 'txt', value: 'a'}), dcc('Dropdown', {id: 'dd', options: ['x', 'y'], value: 'x'}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['txt.value', 'dd.value'], [], true)],
  });
  t.byId('txt').fire('input');
  t.byId('dd').fire('change');
  t.app.setProps(t.app.ids.get('dd'), {value: 'x', options: ['x', 'y']});
  await settle();
  assert.equal(t.requests.length, 0);
  t.app.setProps(t.app.ids.get('dd'), {value: 'y'});
  await settle();
  assert.deepEqual(t.requests.map(r => r.changedPropIds), [['dd.value']]);
});

test('Patch values in a response apply to the current prop; patching an unset prop is an error', async () => {
  const p = ops => ({__dash_patch_update: '__dash_patch_update', operations: ops});
  const t = boot({
    layout: [html('Button', {id: 'b'}), html('P', {id: 'o', children: 'a'}), dcc('Store', {id: 's'})],
    deps: [spec('..o.children...s.data..', ['b.n_clicks'], [], true)],
    handler: () => ({status: 200, data: {multi: true, response: {
      o: {children: p([{operation: 'Add', location: [], params: {value: 'b'}}])},
      s: {data: p([{operation: 'Append', location: [], params: {value: 1}}])},
    }}}),
  });
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.byId('o').textContent, 'ab');
  assert.deepEqual(t.logs.error, ['Callback error updating o.children, s.data: Cannot patch undefined']);
});

test('development mode (ui) also shows warnings in the panel', async () => {
  const t = boot({layout: [dcc('Graph', {id: 'g'})], deps: [], config: '{"requests_pathname_prefix":"/","ui":true}'});
  await settle();
  assert.match(t.doc.body.find(e => e.id === '_ferrodash-errors').textContent, /unknown component dash_core_components\.Graph/);
});

// dcc-store-behavior.md, observable through callbacks.
const echo = b => ({status: 200, data: {multi: true, response: {[b.outputs.id]: {children: JSON.stringify([...b.inputs, ...(b.state || [])].map(i => ('value' in i ? i.value : 'undefined')))}}}});

test('writing equal data again fires data listeners but not modified_timestamp listeners (§3)', async () => {
  const t = boot({
    layout: [html('Button', {id: 'b'}), dcc('Store', {id: 'm', data: 1}), html('P', {id: 'od'}), html('P', {id: 'ot'})],
    deps: [
      spec('m.data', ['b.n_clicks'], [], true),
      spec('od.children', ['m.data'], [], true),
      spec('ot.children', ['m.modified_timestamp'], [], true),
    ],
    handler: b => (b.output === 'm.data' ? {status: 200, data: {multi: true, response: {m: {data: b.inputs[0].value > 1 ? 2 : 1}}}} : echo(b)),
  });
  await settle();
  const count = out => t.requests.filter(r => r.output === out).length;
  const base = [count('od.children'), count('ot.children')];
  t.byId('b').fire('click');
  await settle();
  assert.deepEqual([count('od.children') - base[0], count('ot.children') - base[1]], [1, 0], 'same data: data listeners only');
  t.byId('b').fire('click');
  await settle();
  assert.deepEqual([count('od.children') - base[0], count('ot.children') - base[1]], [2, 1], 'new data: both');
  const last = t.requests.filter(r => r.output === 'ot.children').at(-1);
  assert.deepEqual(last.inputs.map(i => i.property), ['modified_timestamp'], 'the timestamp is sent without the data');
});

test('a memory store with explicit null data: data becomes undefined, timestamp -1, both listeners fire (§4)', async () => {
  const t = boot({
    layout: [dcc('Store', {id: 'm', data: null}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['m.data', 'm.modified_timestamp'])],
    handler: echo,
  });
  await settle();
  assert.equal(t.requests.length, 1);
  assert.deepEqual(t.requests[0].changedPropIds.sort(), ['m.data', 'm.modified_timestamp']);
  assert.equal('value' in t.requests[0].inputs[0], false, 'undefined data has no value key');
  assert.equal(t.byId('o').textContent, '["undefined",-1]');
});

test('a local store with explicit null data and nothing stored sets nothing: a plain initial call, timestamp undefined (§4)', async () => {
  const t = boot({
    layout: [dcc('Store', {id: 'loc', storage_type: 'local', data: null}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['loc.modified_timestamp'], ['loc.data'])],
    handler: echo,
  });
  await settle();
  assert.deepEqual(t.requests.map(r => r.changedPropIds), [[]]);
  assert.equal(t.byId('o').textContent, '["undefined",null]');
});

test('a stored value equal to the layout data sets nothing: modified_timestamp stays undefined (§4)', async () => {
  const local = new FakeStorage();
  local.setItem('loc', '{"b":2,"a":1}');
  local.setItem('loc-timestamp', '1700');
  const t = boot({
    layout: [dcc('Store', {id: 'loc', storage_type: 'local', data: {a: 1, b: 2}}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['loc.modified_timestamp'], ['loc.data'])],
    handler: echo, local,
  });
  await settle();
  assert.deepEqual(t.requests.map(r => r.changedPropIds), [[]]);
  assert.equal(t.byId('o').textContent, '["undefined",{"a":1,"b":2}]');
});

test('a memory store remounted by new children starts again from the layout data (stcp004)', async () => {
  const chunk = () => [dcc('Store', {id: 'm', data: 'layout'}), html('P', {id: 'o'})];
  const t = boot({
    layout: [html('Button', {id: 'set'}), html('Button', {id: 'remount'}), html('Div', {id: 'holder', children: chunk()})],
    deps: [
      spec('m.data', ['set.n_clicks'], [], true),
      spec('holder.children', ['remount.n_clicks'], [], true),
      spec('o.children', ['m.modified_timestamp'], ['m.data']),
    ],
    handler: b => ({
      'm.data': () => ({status: 200, data: {multi: true, response: {m: {data: 'changed'}}}}),
      'holder.children': () => ({status: 200, data: {multi: true, response: {holder: {children: chunk()}}}}),
    }[b.output] || (() => echo(b)))(),
  });
  await settle();
  t.byId('set').fire('click');
  await settle();
  assert.match(t.byId('o').textContent, /"changed"/);
  t.byId('remount').fire('click');
  await settle();
  assert.match(t.byId('o').textContent, /^\[\d{13},"layout"\]$/);
});

test('clear_data from a callback: keys removed, data null, timestamp -1, listeners fire, clear_data back to false (§5)', async () => {
  const local = new FakeStorage();
  const t = boot({
    layout: [html('Button', {id: 'clear'}), dcc('Store', {id: 'loc', storage_type: 'local', data: [1], schema_version: 1}), html('P', {id: 'o'})],
    deps: [spec('loc.clear_data', ['clear.n_clicks'], [], true), spec('o.children', ['loc.modified_timestamp'], ['loc.data'])],
    handler: b => (b.output === 'loc.clear_data' ? {status: 200, data: {multi: true, response: {loc: {clear_data: true}}}} : echo(b)),
    local,
  });
  await settle();
  assert.deepEqual([...local.m.keys()].sort(), ['loc', 'loc-timestamp', 'loc-version']);
  t.byId('clear').fire('click');
  await settle();
  assert.deepEqual([...local.m.keys()], []);
  assert.equal(t.byId('o').textContent, '[-1,null]');
  assert.equal(t.app.ids.get('loc').props.clear_data, false);
});

class QuotaStorage extends FakeStorage {
  setItem(k, v) {
    if (String(v).length > 50) throw Object.assign(new Error('exceeded the quota'), {name: 'QuotaExceededError'});
    super.setItem(k, v);
  }
}

test('a write over the quota: a visible warning names the store, the value stays in memory, callbacks see it', async () => {
  const local = new QuotaStorage();
  const t = boot({
    layout: [html('Button', {id: 'b'}), dcc('Store', {id: 'big', storage_type: 'local'}), html('P', {id: 'o'})],
    deps: [spec('big.data', ['b.n_clicks'], [], true), spec('o.children', ['big.modified_timestamp'], ['big.data'], true)],
    handler: b => (b.output === 'big.data' ? {status: 200, data: {multi: true, response: {big: {data: 'x'.repeat(100)}}}}
      : {status: 200, data: {multi: true, response: {o: {children: `${b.state[0].value?.length} chars`}}}}),
    local,
  });
  await settle();
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.byId('o').textContent, '100 chars');
  assert.equal(local.getItem('big'), null);
  const panel = t.doc.body.find(e => e.id === '_ferrodash-errors');
  assert.ok(panel, 'shown without development mode');
  assert.match(panel.textContent, /store "big" could not be saved to localStorage \(QuotaExceededError\); keeping it in memory/);
  assert.equal(t.logs.warn.length, 1);
  assert.deepEqual(t.logs.error, []);
});

test('a corrupt entry is ignored with a console warning and the layout data is used', async () => {
  const local = new FakeStorage();
  local.setItem('loc', '{not json');
  const t = boot({
    layout: [dcc('Store', {id: 'loc', storage_type: 'local', data: ['layout']}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['loc.data'])],
    handler: echo, local,
  });
  await settle();
  assert.equal(t.byId('o').textContent, '[["layout"]]');
  assert.equal(local.getItem('loc'), '["layout"]');
  assert.match(t.logs.warn.join('\n'), /store "loc" holds a value in localStorage that is not JSON/);
  assert.equal(t.doc.body.find(e => e.id === '_ferrodash-errors'), null, 'console only');
});

test('schema_version: data stored under another version is dropped with a warning; the layout data is used', async () => {
  const local = new FakeStorage();
  local.setItem('loc', '["old shape"]');
  local.setItem('loc-timestamp', '1700');
  local.setItem('loc-version', '1');
  const t = boot({
    layout: [dcc('Store', {id: 'loc', storage_type: 'local', data: {tasks: []}, schema_version: 2}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['loc.data'])],
    handler: echo, local,
  });
  await settle();
  assert.equal(t.byId('o').textContent, '[{"tasks":[]}]');
  assert.equal(local.getItem('loc'), '{"tasks":[]}');
  assert.equal(local.getItem('loc-version'), '2');
  assert.match(t.logs.warn.join('\n'), /store "loc" has data of schema version 1 in localStorage, not 2; dropping it/);
});

test('Checklist: labelled checkboxes; a click sets value in option order; updates from callbacks', async () => {
  const t = boot({
    layout: [dcc('Checklist', {id: 'c', className: 'list', options: [{label: 'One', value: '1'}, {label: 'Two', value: '2'}, {label: 'Three', value: '3', disabled: true}], value: ['3', 'gone']}), html('P', {id: 'o'})],
    deps: [spec('o.children', ['c.value'], [], true)],
    handler: echo,
  });
  await t.started;
  const el = t.byId('c');
  assert.equal(el.tagName, 'DIV');
  assert.equal(el.getAttribute('class'), 'list');
  const labels = el.childNodes;
  assert.deepEqual(labels.map(l => [l.tagName, l.textContent]), [['LABEL', 'One'], ['LABEL', 'Two'], ['LABEL', 'Three']]);
  const boxes = labels.map(l => l.firstChild);
  assert.deepEqual(boxes.map(b => [b.tagName, b.type, b.checked, b.disabled]),
    [['INPUT', 'checkbox', false, false], ['INPUT', 'checkbox', false, false], ['INPUT', 'checkbox', true, true]]);
  boxes[1].checked = true;
  boxes[1].fire('change');
  await settle();
  assert.deepEqual(t.app.ids.get('c').props.value, ['2', '3', 'gone']);
  boxes[0].checked = true;
  boxes[0].fire('change');
  await settle();
  assert.deepEqual(t.app.ids.get('c').props.value, ['1', '2', '3', 'gone'], 'option order, not click order');
  assert.deepEqual(t.requests.map(r => r.inputs[0].value), [['2', '3', 'gone'], ['1', '2', '3', 'gone']]);
  t.app.setProps(t.app.ids.get('c'), {value: ['1']});
  assert.deepEqual(boxes.map(b => b.checked), [true, false, false]);
  assert.equal(el.childNodes[0], labels[0], 'a new value keeps the boxes');
  t.app.setProps(t.app.ids.get('c'), {options: ['a', 'b'], inline: true});
  assert.deepEqual(el.childNodes.map(l => [l.textContent, l.style.display]), [['a', 'inline-block'], ['b', 'inline-block']]);
});

test('storage_type is read once, at mount; an unmounted web store stops listening for storage events', async () => {
  const local = new FakeStorage();
  const t = boot({
    layout: [html('Button', {id: 'b'}), dcc('Store', {id: 'm', data: 1}), html('Div', {id: 'holder', children: dcc('Store', {id: 'loc', storage_type: 'local'})})],
    deps: [spec('holder.children', ['b.n_clicks'], [], true)],
    handler: () => ({status: 200, data: {multi: true, response: {holder: {children: 'gone'}}}}),
    local,
  });
  t.app.setProps(t.app.ids.get('m'), {storage_type: 'local', data: 2});
  assert.equal(local.getItem('m'), null, 'still a memory store');
  assert.equal(t.listeners.length, 1);
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.listeners.length, 0);
});

test('a Patch to store.data applies to the current value, then the store writes it', async () => {
  const local = new FakeStorage();
  const t = boot({
    layout: [html('Button', {id: 'b'}), dcc('Store', {id: 'loc', storage_type: 'local', data: [1]}), html('P', {id: 'o'})],
    deps: [spec('loc.data', ['b.n_clicks'], [], true), spec('o.children', ['loc.modified_timestamp'], ['loc.data'], true)],
    handler: b => (b.output === 'loc.data'
      ? {status: 200, data: {multi: true, response: {loc: {data: {__dash_patch_update: '__dash_patch_update', operations: [{operation: 'Append', location: [], params: {value: 2}}]}}}}}
      : echo(b)),
    local,
  });
  await settle();
  t.byId('b').fire('click');
  await settle();
  assert.equal(local.getItem('loc'), '[1,2]');
  assert.match(t.byId('o').textContent, /^\[\d{13},\[1,2\]\]$/);
});

// Pattern-matching through the whole client (wildcards.js is loaded lazily).
const did = (type, index) => ({type, index});
const items = ns => ns.map(i => html('Li', {children: [
  html('Span', {id: did('label', i), children: `item ${i}`}),
  html('Button', {id: did('del', i), children: 'x'}),
]}));

test('pattern-matching: MATCH calls per item, ALL counter re-fires when items come and go, dict-id responses', async () => {
  let list = [0, 1, 2];
  const MATCH_DEL = {id: {type: 'del', index: ['MATCH']}, property: 'n_clicks'};
  const t = boot({
    layout: [html('Ul', {id: 'list', children: items(list)}), html('P', {id: 'count'})],
    deps: [
      {output: '{"index":["MATCH"],"type":"label"}.children', inputs: [MATCH_DEL], state: [{id: {type: 'label', index: ['MATCH']}, property: 'children'}], prevent_initial_call: true},
      {output: 'count.children', inputs: [{id: {type: 'del', index: ['ALL']}, property: 'n_clicks'}], state: [], prevent_initial_call: false},
      {output: 'list.children', inputs: [{id: {type: 'del', index: ['ALL']}, property: 'n_clicks'}], state: [], prevent_initial_call: true},
    ],
    handler: b => {
      if (b.output === 'count.children') return {status: 200, data: {multi: true, response: {count: {children: `${b.inputs[0].length} items, ${b.inputs[0].filter(i => i.value).length} clicked`}}}};
      if (b.output === 'list.children') {
        const hit = b.inputs[0].find(i => i.value >= 2);
        if (!hit) return {status: 204};
        list = list.filter(i => i !== hit.id.index);
        return {status: 200, data: {multi: true, response: {list: {children: items(list)}}}};
      }
      return {status: 200, data: {multi: true, response: {[JSON.stringify({type: 'label', index: b.outputs.id.index})]: {children: `${b.state[0].value} clicked`}}}};
    },
  });
  await t.started;
  await settle();
  assert.deepEqual(t.requests.map(r => r.output), ['count.children']);
  assert.equal(t.byId('count').textContent, '3 items, 0 clicked');
  const del = i => t.byId('{"index":' + i + ',"type":"del"}');
  del(1).fire('click');
  await settle();
  assert.equal(t.byId('{"index":1,"type":"label"}').textContent, 'item 1 clicked');
  assert.equal(t.byId('{"index":0,"type":"label"}').textContent, 'item 0');
  assert.equal(t.byId('count').textContent, '3 items, 1 clicked');
  const match = t.requests.find(r => r.output.startsWith('{'));
  assert.deepEqual(match.outputs, {id: {index: 1, type: 'label'}, property: 'children'});
  assert.deepEqual(match.changedPropIds, ['{"index":1,"type":"del"}.n_clicks']);
  del(1).fire('click');
  await settle();
  assert.equal(t.byId('{"index":1,"type":"del"}'), null, 'the second click removed item 1');
  assert.equal(t.byId('count').textContent, '2 items, 0 clicked', 'the new list re-fired the ALL counter');
  assert.deepEqual(t.logs.error, []);
});

test('two allow_duplicate callbacks patching one store: both patches land, answered in either order', async () => {
  const pending = [];
  const p = v => ({__dash_patch_update: '__dash_patch_update', operations: [{operation: 'Append', location: [], params: {value: v}}]});
  const t = boot({
    layout: [html('Button', {id: 'b'}), dcc('Store', {id: 's', data: []}), html('P', {id: 'o'})],
    deps: [spec('s.data@aa', ['b.n_clicks'], [], true), spec('s.data@bb', ['b.n_clicks'], [], true), spec('o.children', ['s.data'], [], true)],
  });
  t.app.scheduler.host.post = body => new Promise(resolve => pending.push([body, resolve]));
  t.byId('b').fire('click');
  await settle();
  assert.deepEqual(pending.map(([b]) => b.outputs.property), ['data@aa', 'data@bb']);
  pending[1][1]({status: 200, data: {multi: true, response: {s: {'data@bb': p('b')}}}});
  await settle();
  pending[0][1]({status: 200, data: {multi: true, response: {s: {'data@aa': p('a')}}}});
  await settle();
  assert.deepEqual(t.app.ids.get('s').props.data, ['b', 'a']);
});
