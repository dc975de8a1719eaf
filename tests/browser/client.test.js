// The client in real Chromium against a scripted server: the login example
// serves the index page and the client modules (with its CSP); the API routes
// are answered here, so the test can shape layouts and answers at will.
import test from 'node:test';
import assert from 'node:assert/strict';
import {startExample, launchBrowser, watchConsole, scriptBoot} from './harness.js';

const WAIT = 10000;
const html = (type, props) => ({type, namespace: 'dash_html_components', props});
const dcc = (type, props) => ({type, namespace: 'dash_core_components', props});
const dep = s => ({id: s.split('.')[0], property: s.split('.')[1]});
const spec = (output, inputs, state = [], prevent = true) => ({
  output, inputs: inputs.map(dep), state: state.map(dep), prevent_initial_call: prevent,
  clientside_function: null, no_output: false,
});

const LAYOUT = html('Div', {children: [
  html('Button', {id: 'go', children: 'Go'}),
  html('P', {id: 'styled', style: {color: 'red', marginTop: 7}, className: 'a b', children: 'styled'}),
  html('A', {id: 'bad', href: ' JavaScript:alert(1)', onClick: 'alert(1)', children: 'bad'}),
  html('A', {id: 'good', href: '/somewhere', children: 'good'}),
  dcc('Graph', {id: 'graph'}),
  html('Div', {id: 'holder', children: 'empty'}),
  dcc('Store', {id: 'big', storage_type: 'local'}),
  html('P', {id: 'big_ts'}),
]});
const DEPS = [
  spec('holder.children', ['go.n_clicks']),
  spec('inner_out.children', ['inner.value'], [], false),
  spec('big.data', ['go.n_clicks']),
  spec('big_ts.children', ['big.modified_timestamp'], ['big.data']),
];
const BIG = 6 * 1024 * 1024;

function answer(body) {
  const v = body.inputs[0].value;
  switch (body.output) {
    case 'holder.children':
      return {holder: {children: [dcc('Input', {id: 'inner', value: 'x'}), html('P', {id: 'inner_out'})]}};
    case 'inner_out.children': return {inner_out: {children: `echo: ${v}`}};
    case 'big.data': return {big: {data: 'x'.repeat(BIG)}};
    case 'big_ts.children': return {big_ts: {children: `${v} ${body.state[0].value?.length ?? null}`}};
  }
  throw new Error(`unexpected ${body.output}`);
}

test('client in Chromium: rendering, safety, new chunks, storage quota', {timeout: 120000}, async t => {
  const server = await startExample('login');
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(WAIT);
  const problems = watchConsole(page);
  const warnings = [];
  page.on('console', m => { if (m.type() === 'warning') warnings.push(m.text()); });
  const requests = [];
  await scriptBoot(page, {layout: LAYOUT, deps: DEPS});
  await page.route('**/_dash-update-component', r => {
    const body = r.request().postDataJSON();
    requests.push(body);
    return r.fulfill({json: {multi: true, response: answer(body)}});
  });

  await page.goto(server.url);
  // An empty local store with no layout data sets data=null and
  // modified_timestamp=-1 on mount, which fires its listener (dcc-store §4).
  await page.waitForFunction(() => document.querySelector('#big_ts')?.textContent === '-1 null', null, {timeout: WAIT});
  const styled = await page.locator('#styled').evaluate(e => {
    const s = getComputedStyle(e);
    return [s.color, s.marginTop, e.className];
  });
  assert.deepEqual(styled, ['rgb(255, 0, 0)', '7px', 'a b']);
  assert.equal(await page.locator('#bad').getAttribute('href'), null);
  assert.equal(await page.locator('#bad').getAttribute('onclick'), null);
  assert.equal(await page.locator('#good').getAttribute('href'), '/somewhere');
  assert.equal(await page.locator('#graph').evaluate(e => e.tagName), 'DIV');
  assert.ok(warnings.some(w => /Graph/.test(w)), warnings.join('\n'));

  await page.click('#go');
  await page.waitForFunction(() => document.querySelector('#inner_out')?.textContent === 'echo: x', null, {timeout: WAIT});
  assert.equal(await page.locator('#holder').evaluate(e => e.firstChild.tagName), 'INPUT');
  await page.locator('#inner').press('End');
  await page.keyboard.type('y');
  await page.waitForFunction(() => document.querySelector('#inner_out')?.textContent === 'echo: xy', null, {timeout: WAIT});

  // 6 MiB does not fit in localStorage: the value stays in memory, a warning
  // names the store, and modified_timestamp still fires its listener.
  await page.waitForFunction(() => /^\d{13} 6291456$/.test(document.querySelector('#big_ts')?.textContent), null, {timeout: WAIT});
  assert.equal(await page.evaluate(() => localStorage.getItem('big')), null);
  assert.ok(warnings.some(w => /store "big" could not be saved to localStorage \(QuotaExceededError\)/.test(w)), warnings.join('\n'));
  assert.deepEqual(requests.map(r => r.output).sort(),
    ['big.data', 'big_ts.children', 'big_ts.children', 'holder.children', 'inner_out.children', 'inner_out.children']);
  assert.deepEqual(requests.find(r => r.output === 'big_ts.children').changedPropIds, ['big.modified_timestamp']);
  assert.deepEqual(problems, []);
});
