// The multi-page example (examples/pages.rs) in Chromium: Links change the
// URL and the content without a page load, back and forward work, deep links
// load the right page, the home page's Interval ticks (and stops elsewhere).
import test from 'node:test';
import assert from 'node:assert/strict';
import {setup, openPage, waitText, WAIT} from './harness.js';

const heading = page => page.locator('#page h2').textContent();
const tickOf = async page => Number((/^Tick (\d+): it is \d\d:\d\d:\d\d UTC\.$/.exec(await page.textContent('#clock')) || [])[1]);

test('pages: links without reloads, back and forward, deep links, a ticking clock', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'pages');
  const context = await browser.newContext();
  const {page, problems} = await openPage(context);
  const clockCalls = [];
  page.on('request', r => {
    if (r.url().endsWith('/_dash-update-component') && r.postDataJSON().output === 'clock.children') clockCalls.push(Date.now());
  });

  await page.goto(server.url);
  await waitText(page, '#page h2', 'Home');
  await page.waitForFunction(() => /^Tick [1-9]\d*: /.test(document.querySelector('#clock')?.textContent), null, {timeout: WAIT});
  const first = await tickOf(page);
  await page.waitForFunction(n => Number(/^Tick (\d+)/.exec(document.querySelector('#clock').textContent)[1]) > n, first, {timeout: WAIT});
  // Survives only if no page load happens from here on.
  await page.evaluate(() => { window.__loaded_once = true; });
  const navigations = () => page.evaluate(() => performance.getEntriesByType('navigation').length);

  await page.click('nav a[href="/reports"]');
  await waitText(page, '#page h2', 'Reports');
  assert.equal(new URL(page.url()).pathname, '/reports');
  assert.deepEqual(await page.locator('#page td').allTextContents(), ['North', '1200', 'South', '950', 'West', '1730']);
  assert.equal(await page.locator('#clock').count(), 0);
  // The Interval left with the home page: no more clock calls.
  const leftAt = Date.now();
  await page.waitForTimeout(1500);
  assert.deepEqual(clockCalls.filter(at => at > leftAt + 200), [], 'the unmounted Interval stopped');

  await page.click('text=Settings');
  await waitText(page, '#page h2', 'Settings');
  assert.equal(new URL(page.url()).pathname, '/settings');
  assert.equal(await page.evaluate(() => window.__loaded_once), true, 'no reload');

  await page.goBack();
  await waitText(page, '#page h2', 'Reports');
  assert.equal(new URL(page.url()).pathname, '/reports');
  await page.goBack();
  await waitText(page, '#page h2', 'Home');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.waitForFunction(() => /^Tick [1-9]\d*: /.test(document.querySelector('#clock')?.textContent), null, {timeout: WAIT});
  await page.goForward();
  await waitText(page, '#page h2', 'Reports');
  assert.equal(await page.evaluate(() => window.__loaded_once), true, 'back and forward did not reload');
  assert.equal(await navigations(), 1);

  // Deep links: the server answers any path with the app, the callback picks the page.
  await page.goto(server.url + 'settings');
  await waitText(page, '#page h2', 'Settings');
  assert.equal(await page.evaluate(() => window.__loaded_once), undefined, 'that one was a real load');
  await page.goto(server.url + 'no/such/page?x=1');
  await waitText(page, '#page h2', 'Not found');
  assert.equal(await page.textContent('#page p'), 'There is no page at /no/such/page.');
  await page.click('nav a[href="/"]');
  await waitText(page, '#page h2', 'Home');

  // A modified click is the browser's: a new tab, this page stays.
  const [popup] = await Promise.all([
    context.waitForEvent('page', {timeout: WAIT}),
    page.click('nav a[href="/reports"]', {modifiers: ['ControlOrMeta']}),
  ]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).pathname, '/reports');
  assert.equal(await heading(page), 'Home');
  assert.deepEqual(problems, []);
});
