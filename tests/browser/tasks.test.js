// The tasks example (examples/tasks.rs) used as a person would, in Chromium:
// per-task "Done" and "Delete" buttons served by one pattern-matching
// callback each, a new task appended with a Patch, the Add button disabled
// while its call is in flight (running), and a clientside character count.
import test from 'node:test';
import assert from 'node:assert/strict';
import {setup, openPage, waitText, WAIT} from './harness.js';

const rows = page => page.locator('#list li span').allTextContents();

test('tasks: add, complete and delete through per-task buttons; clientside count; running', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'tasks');
  const context = await browser.newContext();
  const {page, problems} = await openPage(context);
  const posts = [];
  page.on('request', r => {
    if (r.url().endsWith('/_dash-update-component')) posts.push(r.postDataJSON().output);
  });
  await page.goto(server.url);
  await waitText(page, '#open', '0 open tasks');

  // The character count is computed in the browser: no request for it.
  await page.fill('#new_task', 'milk');
  await waitText(page, '#length', '4 characters');
  assert.equal(posts.filter(o => o.startsWith('length.')).length, 0, 'the clientside callback made a request');

  // While the add call is in flight the button is disabled (running). A
  // MutationObserver sees the attribute appear even when the call answers
  // within a millisecond: a record with no old value is "became disabled".
  await page.evaluate(() => {
    window.__addDisabled = false;
    new MutationObserver(records => {
      if (records.some(r => r.attributeName === 'disabled' && r.oldValue === null)) window.__addDisabled = true;
    }).observe(document.querySelector('#add'), {attributes: true, attributeOldValue: true});
  });
  for (const text of ['milk', 'bread', 'eggs']) {
    await page.fill('#new_task', text);
    await page.click('#add');
    await page.waitForFunction(t => [...document.querySelectorAll('#list li span')].some(s => s.textContent === t), text, {timeout: WAIT});
  }
  assert.deepEqual(await rows(page), ['milk', 'bread', 'eggs']);
  await waitText(page, '#open', '3 open tasks');
  assert.equal(await page.inputValue('#new_task'), '', 'the field is cleared after adding');
  assert.ok(await page.evaluate(() => window.__addDisabled), 'the Add button was disabled while its call was in flight');
  assert.equal(await page.evaluate(() => document.querySelector('#add').disabled), false);

  // "Done" on the second task: one callback serves every task's button.
  await page.locator('#list li').nth(1).locator('button', {hasText: 'Done'}).click();
  await waitText(page, '#open', '2 open tasks');
  assert.deepEqual(await rows(page), ['milk', '✓ bread', 'eggs']);

  // "Delete" on the first task.
  await page.locator('#list li').nth(0).locator('button', {hasText: 'Delete'}).click();
  await page.waitForFunction(() => document.querySelectorAll('#list li').length === 2, null, {timeout: WAIT});
  assert.deepEqual(await rows(page), ['✓ bread', 'eggs']);
  await waitText(page, '#open', '1 open task');

  // The store is local: a reload keeps the tasks.
  await page.reload();
  await waitText(page, '#open', '1 open task');
  assert.deepEqual(await rows(page), ['✓ bread', 'eggs']);
  assert.deepEqual(problems, []);
});
