// The To-Do example (examples/todo.rs) used as a user would, and the local
// store behaviours beyond Dash seen through it: two tabs, reload, a filled
// quota, a corrupt entry, another schema version, data of the wrong shape.
import test from 'node:test';
import assert from 'node:assert/strict';
import {setup, openPage, waitText} from './harness.js';

const KEY = 'tasks_store';
const labels = page => page.locator('#task_list label').allTextContents();
const checked = page => page.$$eval('#task_list input', els => els.map(e => e.checked));
const box = (page, text) => page.locator('#task_list label', {hasText: text}).locator('input');

async function add(page, text, {enter = false} = {}) {
  await page.fill('#new_task', text);
  if (enter) await page.press('#new_task', 'Enter');
  else await page.click('#add_task');
  await page.waitForFunction(t => [...document.querySelectorAll('#task_list label')].some(l => l.textContent === t), text);
}

async function ready(page, url, count) {
  await page.goto(url);
  await waitText(page, '#open_count', count);
}

test('todo: add, complete, reload, second tab, delete completed, clear all', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const context = await browser.newContext();
  const {page, problems} = await openPage(context);
  await ready(page, server.url, '0 open tasks');
  assert.deepEqual(await labels(page), []);

  await add(page, 'Buy milk');
  assert.equal(await page.inputValue('#new_task'), '', 'the field is emptied after an add');
  await waitText(page, '#open_count', '1 open task');
  await add(page, 'Write report', {enter: true});
  await add(page, 'Call Ada');
  await waitText(page, '#open_count', '3 open tasks');
  assert.deepEqual(await labels(page), ['Buy milk', 'Write report', 'Call Ada']);
  assert.deepEqual(JSON.parse(await page.evaluate(k => localStorage.getItem(k), KEY)), [
    {id: 1, text: 'Buy milk', done: false}, {id: 2, text: 'Write report', done: false}, {id: 3, text: 'Call Ada', done: false},
  ]);
  assert.equal(await page.evaluate(k => localStorage.getItem(k + '-version'), KEY), '1');

  await box(page, 'Write report').check();
  await waitText(page, '#open_count', '2 open tasks');
  assert.deepEqual(await checked(page), [false, true, false]);
  assert.equal(JSON.parse(await page.evaluate(k => localStorage.getItem(k), KEY))[1].done, true);

  await page.reload();
  await waitText(page, '#open_count', '2 open tasks');
  await page.waitForFunction(() => document.querySelectorAll('#task_list label').length === 3);
  assert.deepEqual(await labels(page), ['Buy milk', 'Write report', 'Call Ada']);
  assert.deepEqual(await checked(page), [false, true, false]);

  const second = await openPage(context);
  await ready(second.page, server.url, '2 open tasks');
  await second.page.waitForFunction(() => document.querySelectorAll('#task_list label').length === 3);
  assert.deepEqual(await checked(second.page), [false, true, false]);

  await page.click('#delete_completed');
  await page.waitForFunction(() => document.querySelectorAll('#task_list label').length === 2);
  assert.deepEqual(await labels(page), ['Buy milk', 'Call Ada']);
  await waitText(page, '#open_count', '2 open tasks');
  // The other tab follows.
  await second.page.waitForFunction(() => document.querySelectorAll('#task_list label').length === 2);
  assert.deepEqual(await labels(second.page), ['Buy milk', 'Call Ada']);

  await page.click('#clear_all');
  await waitText(page, '#open_count', '0 open tasks');
  assert.deepEqual(await labels(page), []);
  assert.equal(await page.evaluate(k => localStorage.getItem(k), KEY), null);
  await waitText(second.page, '#open_count', '0 open tasks');
  assert.deepEqual(await labels(second.page), []);

  // Still usable after a clear, and across a reload.
  await add(page, 'Start again');
  await page.reload();
  await waitText(page, '#open_count', '1 open task');
  assert.deepEqual(await labels(page), ['Start again']);
  assert.equal(await page.locator('#_ferrodash-errors').count(), 0);
  assert.deepEqual([...problems, ...second.problems], []);
});

test('todo: a tick followed at once by a button click is not lost', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const {page, problems} = await openPage(await browser.newContext());
  await ready(page, server.url, '0 open tasks');
  for (const text of ['a', 'b', 'c']) await add(page, text);
  await waitText(page, '#open_count', '3 open tasks');
  // A slow server: the tick's call is still in flight when the button is
  // clicked, and the button's call supersedes it (latest wins, as in Dash).
  await page.route('**/_dash-update-component', async route => {
    await new Promise(r => setTimeout(r, 300));
    await route.continue();
  });
  await box(page, 'b').check();
  await page.click('#delete_completed');
  await page.waitForFunction(() => document.querySelectorAll('#task_list label').length === 2);
  assert.deepEqual(await labels(page), ['a', 'c']);
  await box(page, 'c').check();
  await page.fill('#new_task', 'd');
  await page.press('#new_task', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#task_list label').length === 3);
  assert.deepEqual(await labels(page), ['a', 'c', 'd']);
  await waitText(page, '#open_count', '2 open tasks');
  assert.deepEqual(await checked(page), [false, true, false]);
  assert.deepEqual(problems, []);
});

test('todo in two tabs: a change in one updates data AND modified_timestamp in the other, whose callbacks fire', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const context = await browser.newContext();
  const a = await openPage(context), b = await openPage(context);
  await ready(a.page, server.url, '0 open tasks');
  await ready(b.page, server.url, '0 open tasks');
  const counts = [];
  b.page.on('request', r => {
    const body = r.method() === 'POST' ? r.postDataJSON() : null;
    if (body && body.output === 'open_count.children') counts.push(body);
  });

  for (const [i, text] of ['one', 'two'].entries()) {
    await add(a.page, text);
    await waitText(b.page, '#open_count', `${i + 1} open task${i ? 's' : ''}`);
    const stored = Number(await a.page.evaluate(k => localStorage.getItem(k + '-timestamp'), KEY));
    assert.ok(Math.abs(stored - Date.now()) < 60000);
    // The counter is fed by modified_timestamp only: it ran in tab B, with
    // tab A's timestamp and the new data as state.
    const last = counts.at(-1);
    assert.deepEqual(last.changedPropIds, [`${KEY}.modified_timestamp`]);
    assert.equal(last.inputs[0].value, stored);
    assert.equal(last.state[0].value.length, i + 1);
  }
  assert.deepEqual(await labels(b.page), ['one', 'two']);

  // Completing in B shows in A; B's write does not bounce back.
  await box(b.page, 'two').check();
  await waitText(a.page, '#open_count', '1 open task');
  assert.deepEqual(await checked(a.page), [false, true]);
  const ts = await a.page.evaluate(k => localStorage.getItem(k + '-timestamp'), KEY);
  await a.page.waitForTimeout(300);
  assert.equal(await a.page.evaluate(k => localStorage.getItem(k + '-timestamp'), KEY), ts, 'no ping-pong between tabs');
  assert.deepEqual([...a.problems, ...b.problems], []);
});

test('todo with a filled quota: the task stays in memory, a visible warning names the store, the page keeps working', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const {page, problems, warnings} = await openPage(await browser.newContext());
  await ready(page, server.url, '0 open tasks');
  await add(page, 'fits');
  // Fill localStorage to the last few characters with another key.
  const room = await page.evaluate(() => {
    let lo = 0, hi = 12 * 1024 * 1024;
    while (hi - lo > 8) {
      const mid = Math.floor((lo + hi) / 2);
      try { localStorage.setItem('filler', 'x'.repeat(mid)); lo = mid; } catch { hi = mid; }
    }
    localStorage.setItem('filler', 'x'.repeat(lo));
    return lo;
  });
  assert.ok(room > 1000000, `filler of ${room} chars`);
  const stored = await page.evaluate(k => [localStorage.getItem(k), localStorage.getItem(k + '-timestamp')], KEY);

  await add(page, 'does not fit');
  await waitText(page, '#open_count', '2 open tasks');
  await page.waitForSelector('#_ferrodash-errors');
  assert.match(await page.locator('#_ferrodash-errors').textContent(),
    /store "tasks_store" could not be saved to localStorage \(QuotaExceededError\); keeping it in memory for this page/);
  assert.ok(await page.locator('#_ferrodash-errors').isVisible());
  assert.deepEqual(await page.evaluate(k => [localStorage.getItem(k), localStorage.getItem(k + '-timestamp')], KEY), stored,
    'storage keeps the last value that fitted, with its own timestamp');

  // Still working: complete a task, add another; one warning only.
  await box(page, 'does not fit').check();
  await waitText(page, '#open_count', '1 open task');
  await add(page, 'third');
  await waitText(page, '#open_count', '2 open tasks');
  assert.equal(warnings.filter(w => /could not be saved/.test(w)).length, 1);
  assert.deepEqual(await labels(page), ['fits', 'does not fit', 'third']);

  // Room again: the next write is stored.
  await page.evaluate(() => localStorage.removeItem('filler'));
  await add(page, 'fourth');
  await page.waitForFunction(k => JSON.parse(localStorage.getItem(k)).length === 4, KEY);
  assert.deepEqual(problems, []);
});

test('todo with a corrupt entry: ignored with a console warning, the layout data is used', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const {page, problems, warnings} = await openPage(await browser.newContext());
  await ready(page, server.url, '0 open tasks');
  await page.evaluate(k => { localStorage.setItem(k, '[{"id":1,"text":"half written'); localStorage.setItem(k + '-timestamp', 'garbage'); }, KEY);
  await page.reload();
  await waitText(page, '#open_count', '0 open tasks');
  assert.ok(warnings.some(w => /store "tasks_store" holds a value in localStorage that is not JSON; ignoring it/.test(w)), warnings.join('\n'));
  assert.equal(await page.evaluate(k => localStorage.getItem(k), KEY), '[]', 'the layout data replaced it');
  await add(page, 'works');
  await waitText(page, '#open_count', '1 open task');
  assert.equal(await page.locator('#_ferrodash-errors').count(), 0);
  assert.deepEqual(problems, []);
});

test('todo schema_version: tasks stored under another version are dropped with a warning', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const {page, problems, warnings} = await openPage(await browser.newContext());
  await ready(page, server.url, '0 open tasks');
  await add(page, 'current');
  assert.equal(await page.evaluate(k => localStorage.getItem(k + '-version'), KEY), '1');
  // What an older build of the app left behind: another shape, version 0.
  await page.evaluate(k => {
    localStorage.setItem(k, '{"items":["old"]}');
    localStorage.setItem(k + '-version', '0');
  }, KEY);
  await page.reload();
  await waitText(page, '#open_count', '0 open tasks');
  assert.deepEqual(await labels(page), []);
  assert.ok(warnings.some(w => /store "tasks_store" has data of schema version 0 in localStorage, not 1; dropping it/.test(w)), warnings.join('\n'));
  assert.deepEqual(await page.evaluate(k => [localStorage.getItem(k), localStorage.getItem(k + '-version')], KEY), ['[]', '1']);
  await add(page, 'new');
  await waitText(page, '#open_count', '1 open task');
  assert.equal(await page.locator('#_ferrodash-errors').count(), 0);
  assert.deepEqual(problems, []);
});

test('todo with stored data of the wrong shape: the server\'s 400 is shown in the page, the page keeps working', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'todo');
  const {page, problems} = await openPage(await browser.newContext());
  await ready(page, server.url, '0 open tasks');
  await add(page, 'real task');
  // Edited by hand in the dev tools: same key, same version, wrong shape.
  await page.evaluate(k => localStorage.setItem(k, '[{"id":"one","text":7}]'), KEY);
  const logged = page.waitForEvent('console', {predicate: m => m.type() === 'error' && /does not fit its Rust type/.test(m.text())});
  await page.reload();
  // Other callback errors go to the console only outside development mode,
  // as in Dash; refused store data is the user's, so the page shows it.
  assert.match((await logged).text(), /the state `tasks_store\.data` of callback `\w+` does not fit its Rust type: invalid type: string "one", expected u64/);
  assert.ok(problems.some(p => /400/.test(p)), problems.join('\n'));
  await page.waitForSelector('#_ferrodash-errors');
  assert.match(await page.locator('#_ferrodash-errors').textContent(), /tasks_store\.data.*does not fit its Rust type/);

  // The page still works: clearing needs no data, then tasks can be added.
  await page.click('#clear_all');
  await waitText(page, '#open_count', '0 open tasks');
  await add(page, 'after the fix');
  await waitText(page, '#open_count', '1 open task');
  assert.deepEqual(JSON.parse(await page.evaluate(k => localStorage.getItem(k), KEY)), [{id: 1, text: 'after the fix', done: false}]);
});
