// dcc.Store in Chromium: per-app storage keys (two apps on one port), and
// Dash's own Store scenarios (dash-core-components tests stcp001-004,
// stdl001, stda003) against a scripted server: the login example serves the
// index page and the client; layout, dependencies and callbacks are answered
// here.
import test from 'node:test';
import assert from 'node:assert/strict';
import {setup, openPage, waitText, scriptBoot, WAIT} from './harness.js';

test('two apps on one host and port keep stores of the same id apart', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'two_apps');
  const context = await browser.newContext();
  const a = await openPage(context), b = await openPage(context);
  const save = async (page, note) => {
    await page.fill('#note_input', note);
    await page.click('#save_note');
    await waitText(page, '#saved_note', `Saved note: ${note}`);
  };
  await a.page.goto(server.url + 'a/');
  await waitText(a.page, '#saved_note', 'No note saved');
  await save(a.page, 'alpha');
  await b.page.goto(server.url + 'b/');
  await waitText(b.page, '#saved_note', 'No note saved');
  await save(b.page, 'beta');
  await a.page.waitForTimeout(300);
  assert.equal(await a.page.textContent('#saved_note'), 'Saved note: alpha', 'no storage event crosses apps');
  for (const [page, note] of [[a.page, 'alpha'], [b.page, 'beta']]) {
    await page.reload();
    await waitText(page, '#saved_note', `Saved note: ${note}`);
  }
  const stored = await a.page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter(k => !k.endsWith('-timestamp')).map(k => [k, localStorage.getItem(k)])));
  assert.deepEqual(stored, {'/a/note_store': '"alpha"', '/b/note_store': '"beta"'});
  // A second tab of the same app does follow.
  const a2 = await openPage(context);
  await a2.page.goto(server.url + 'a/');
  await waitText(a2.page, '#saved_note', 'Saved note: alpha');
  await save(a.page, 'alpha 2');
  await waitText(a2.page, '#saved_note', 'Saved note: alpha 2');
  assert.equal(await b.page.textContent('#saved_note'), 'Saved note: beta');
  assert.deepEqual([...a.problems, ...b.problems, ...a2.problems], []);
});

// The scripted app: a button writes one value to a memory, a local and a
// session store; each store's modified_timestamp (with its data as state)
// feeds a paragraph. Another button replaces a memory store by a new one.
const html = (type, props) => ({type, namespace: 'dash_html_components', props});
const dcc = (type, props) => ({type, namespace: 'dash_core_components', props});
const dep = s => ({id: s.split('.')[0], property: s.split('.')[1]});
const spec = (output, inputs, state = [], prevent = false) => ({
  output, inputs: inputs.map(dep), state: state.map(dep), prevent_initial_call: prevent,
  clientside_function: null, no_output: false,
});
const TYPES = ['memory', 'local', 'session'];
const chunk = () => [dcc('Store', {id: 'inner', data: 'from layout'}), html('P', {id: 'out_inner'})];
const FALSY = [['zero', 0], ['false', false], ['null', null], ['empty', '']];
const LAYOUT = html('Div', {children: [
  html('Button', {id: 'write', children: 'write'}),
  html('Button', {id: 'clear', children: 'clear'}),
  html('Button', {id: 'remount', children: 'remount'}),
  ...TYPES.flatMap(s => [dcc('Store', {id: s, storage_type: s}), html('P', {id: `out_${s}`})]),
  html('Div', {id: 'holder', children: chunk()}),
  ...TYPES.flatMap(s => FALSY.map(([name, data]) => dcc('Store', {id: `${name}-${s}`, storage_type: s, data}))),
]});
const DEPS = [
  spec('..memory.data...local.data...session.data...inner.data..', ['write.n_clicks'], [], true),
  spec('..local.clear_data...memory.clear_data...session.clear_data..', ['clear.n_clicks'], [], true),
  ...[...TYPES, 'inner'].map(s => spec(`out_${s}.children`, [`${s}.modified_timestamp`], [`${s}.data`])),
  spec('holder.children', ['remount.n_clicks'], [], true),
];

async function scripted(t, values) {
  const {server, browser} = await setup(t, 'login');
  const context = await browser.newContext();
  await scriptBoot(context, {layout: LAYOUT, deps: DEPS});
  await context.route('**/_dash-update-component', r => {
    const body = r.request().postDataJSON();
    let response;
    if (body.output.includes('clear_data')) {
      response = {local: {clear_data: true}, memory: {clear_data: true}, session: {clear_data: true}};
    } else if (body.output.startsWith('..')) {
      const v = values(body.inputs[0].value);
      response = {memory: {data: v}, local: {data: v}, session: {data: v}, inner: {data: v}};
    } else if (body.output === 'holder.children') {
      response = {holder: {children: chunk()}};
    } else {
      const ts = body.inputs[0], data = body.state[0];
      const json = JSON.stringify(data.value);
      response = {[body.outputs.id]: {children: `${'value' in ts ? ts.value : 'unset'}|${'value' in data ? (json.length > 1000 ? `${json.length} chars` : json) : 'unset'}`}};
    }
    return r.fulfill({json: {multi: true, response}});
  });
  const {page, problems} = await openPage(context);
  await page.goto(server.url);
  await waitText(page, '#out_local', '-1|null');
  return {server, context, page, problems};
}
const out = (page, s) => page.textContent(`#out_${s}`);
const parse = text => { const [ts, data] = text.split('|'); return [ts === 'unset' ? ts : Number(ts), data === 'unset' ? data : JSON.parse(data)]; };

test('Dash stcp002/stdl001: memory, local and session stores; timestamps at the click; a reload keeps local and session only', {timeout: 120000}, async t => {
  const {page, problems} = await scripted(t, n => ({clicks: n, who: 'store-test'}));
  // Mount: memory without data sets nothing; empty web stores set data=null, ts=-1.
  assert.equal(await out(page, 'memory'), 'unset|unset');
  assert.equal(await out(page, 'session'), '-1|null');
  const [tsInner, dataInner] = parse(await out(page, 'inner'));
  assert.ok(Math.abs(tsInner - Date.now()) < 5000);
  assert.equal(dataInner, 'from layout');

  const before = await page.evaluate(() => Date.now());
  await page.click('#write');
  for (const s of TYPES) await page.waitForFunction(id => document.querySelector(`#out_${id}`).textContent.includes('"clicks":1'), s);
  const after = await page.evaluate(() => Date.now());
  const seen = {};
  for (const s of TYPES) {
    const [ts, data] = parse(await out(page, s));
    assert.deepEqual(data, {clicks: 1, who: 'store-test'});
    assert.ok(ts >= before && ts <= after, `${s}: ${ts} within [${before}, ${after}]`);
    seen[s] = ts;
  }
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('local'), sessionStorage.getItem('session')]),
    ['{"clicks":1,"who":"store-test"}', '{"clicks":1,"who":"store-test"}']);
  assert.equal(await page.evaluate(() => localStorage.getItem('local-timestamp')), String(seen.local));

  await page.reload();
  await waitText(page, '#out_local', `${seen.local}|{"clicks":1,"who":"store-test"}`);
  await waitText(page, '#out_session', `${seen.session}|{"clicks":1,"who":"store-test"}`);
  assert.equal(await out(page, 'memory'), 'unset|unset', 'memory is gone after a reload');
  assert.deepEqual(problems, []);
});

test('Dash stcp001: clear_data on all three types empties data and storage', {timeout: 120000}, async t => {
  const {page, problems} = await scripted(t, n => ({n_clicks: n}));
  for (let i = 0; i < 3; i++) await page.click('#write');
  await page.waitForFunction(() => localStorage.getItem('local') === '{"n_clicks":3}');
  await page.waitForFunction(() => document.querySelector('#out_memory').textContent.endsWith('|{"n_clicks":3}'));
  await page.click('#clear');
  await waitText(page, '#out_local', '-1|null');
  await waitText(page, '#out_session', '-1|null');
  await page.waitForFunction(() => /^\d{13}\|null$/.test(document.querySelector('#out_memory').textContent));
  assert.deepEqual(await page.evaluate(() => ['local', 'local-timestamp'].map(k => localStorage.getItem(k)).concat(['session', 'session-timestamp'].map(k => sessionStorage.getItem(k)))),
    [null, null, null, null]);
  // Writing again works.
  await page.click('#write');
  await page.waitForFunction(() => localStorage.getItem('local') === '{"n_clicks":4}');
  assert.deepEqual(problems, []);
});

test('Dash stcp003: falsy layout data is seeded into storage', {timeout: 120000}, async t => {
  const {page, problems} = await scripted(t, () => null);
  const stored = await page.evaluate(([names]) => ['local', 'session'].map(s => names.map(n => window[s + 'Storage'].getItem(`${n}-${s}`))), [FALSY.map(f => f[0])]);
  assert.deepEqual(stored, [['0', 'false', null, '""'], ['0', 'false', null, '""']]);
  assert.deepEqual(problems, []);
});

test('Dash stda001-style: falsy values written by a callback are real values, restored after a reload', {timeout: 120000}, async t => {
  const FALSY = [0, false, '', [], {}];
  let next;
  const {page, problems} = await scripted(t, () => next);
  const ends = (id, v) => page.waitForFunction(([i, w]) => document.querySelector(`#out_${i}`)?.textContent.endsWith('|' + w), [id, JSON.stringify(v)]);
  for (const v of FALSY) {
    next = v;
    await page.click('#write');
    for (const s of TYPES) await ends(s, v);
    assert.equal(await page.evaluate(() => localStorage.getItem('local')), JSON.stringify(v));
    await page.reload();
    for (const s of ['local', 'session']) await ends(s, v);
    assert.equal(await out(page, 'memory'), 'unset|unset');
  }
  assert.deepEqual(problems, []);
});

test('Dash stcp004: a memory store remounted by a callback starts again from its layout data', {timeout: 120000}, async t => {
  const {page, problems} = await scripted(t, () => 'written');
  await page.click('#write');
  await page.waitForFunction(() => document.querySelector('#out_inner').textContent.endsWith('|"written"'));
  await page.click('#remount');
  await page.waitForFunction(() => /^\d{13}\|"from layout"$/.test(document.querySelector('#out_inner')?.textContent));
  assert.deepEqual(problems, []);
});

test('Dash stdl001: a tab opened with window.open starts with a copy of sessionStorage, then diverges', {timeout: 120000}, async t => {
  let count = 0;
  const {context, page, problems} = await scripted(t, () => `value ${++count}`);
  await page.click('#write');
  await page.waitForFunction(() => document.querySelector('#out_session').textContent.endsWith('|"value 1"'));
  const [popup] = await Promise.all([context.waitForEvent('page', {timeout: WAIT}), page.evaluate(() => window.open(location.href))]);
  popup.setDefaultTimeout(WAIT);
  const popupProblems = [];
  popup.on('pageerror', e => popupProblems.push(e.message));
  await popup.waitForFunction(() => document.querySelector('#out_session')?.textContent.endsWith('|"value 1"'));
  await popup.click('#write');
  await popup.waitForFunction(() => document.querySelector('#out_session').textContent.endsWith('|"value 2"'));
  await popup.waitForTimeout(200);
  assert.match(await out(page, 'session'), /\|"value 1"$/, 'sessionStorage is per tab after the copy');
  assert.deepEqual([...problems, ...popupProblems], []);
});

test('Dash stda003: about 4.6 MB in memory, local and session stores, clean console', {timeout: 120000}, async t => {
  const big = '1.5,2.25,abc;'.repeat(Math.floor(4.6e6 / 13));
  const {page, problems} = await scripted(t, () => big);
  await page.click('#write');
  const want = `|${JSON.stringify(big).length} chars`;
  for (const s of TYPES) await page.waitForFunction(([id, w]) => document.querySelector(`#out_${id}`).textContent.endsWith(w), [s, want], {timeout: 30000});
  assert.equal(await page.evaluate(() => [localStorage.getItem('local').length, sessionStorage.getItem('session').length]).then(x => x.join()),
    `${JSON.stringify(big).length},${JSON.stringify(big).length}`);
  assert.equal(await page.locator('#_ferrodash-errors').count(), 0);
  assert.deepEqual(problems, []);
});
