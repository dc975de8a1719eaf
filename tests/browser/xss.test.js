// The xss example (examples/xss.rs) in headless Chromium: script payloads as
// children, store data (in the layout JSON, in localStorage and in callback
// answers), an input's value, dropdown labels, `javascript:` links (from the
// layout and from a callback), and `</script>` in the page's <title> and in
// its _dash-config. Each must be shown as text and never run: window.__xss
// stays undefined, no dialog opens, no CSP violation is reported, and the
// console has no error.
import test from 'node:test';
import assert from 'node:assert/strict';
import {startExample, launchBrowser, watchConsole} from './harness.js';

const WAIT = 10000;
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const CLOSE = '</script><script>window.__xss=1</script>';

const waitText = (page, sel, want) => page.waitForFunction(
  ([s, w]) => document.querySelector(s)?.textContent === w, [sel, want], {timeout: WAIT});

// What would show that a payload ran or became markup.
async function evidence(page) {
  return page.evaluate(() => ({
    xss: typeof window.__xss,
    csp: window.__csp.slice(),
    // Our three: the _dash-config JSON, the layout and dependencies, and the client.
    scripts: [...document.scripts].map(s => s.id || s.src.replace(location.origin, '')),
    imgs: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].flatMap(e => e.getAttributeNames().filter(n => /^on/i.test(n))),
  }));
}

async function assertClean(page, state) {
  const e = await evidence(page);
  assert.equal(e.xss, 'undefined', 'window.__xss was set');
  assert.deepEqual(e.csp, [], 'CSP violations');
  assert.deepEqual(e.scripts, ['_dash-config', '_ferrodash-boot', '_ferrodash-client']);
  assert.equal(e.imgs, 0, 'an <img> was created from a payload');
  assert.deepEqual(e.handlers, [], 'an on* attribute was created');
  assert.deepEqual(state.dialogs, [], 'a dialog opened');
  assert.deepEqual(state.fetchedX, [], 'the payload image was requested');
}

test('xss example: hostile strings are shown as text and never run', {timeout: 120000}, async t => {
  const server = await startExample('xss');
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);
  const problems = watchConsole(page);
  const warnings = [];
  page.on('console', m => { if (m.type() === 'warning') warnings.push(m.text()); });
  const state = {dialogs: [], fetchedX: []};
  page.on('dialog', d => { state.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('request', r => { if (new URL(r.url()).pathname === '/x') state.fetchedX.push(r.url()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation',
      e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  });

  await page.goto(server.url);
  // The page's own config and title: `</script>` stays inside them.
  const config = await page.evaluate(() => JSON.parse(document.getElementById('_dash-config').textContent));
  assert.equal(config.ferrodash.store_prefix, CLOSE);
  await page.waitForFunction(t => document.title === t, `${CLOSE} xss`, {timeout: WAIT});

  // Children from the layout, as text.
  await waitText(page, '#heading', IMG);
  assert.equal(await page.locator('#layout_script').textContent(), SCRIPT);
  assert.equal(await page.locator('#attribute').getAttribute('title'), `"><img src=x onerror=window.__xss=1>${CLOSE}`);

  // Store data from the layout JSON, rendered by a callback on load.
  await waitText(page, '#from_store .img', IMG);
  assert.equal(await page.locator('#from_store .script').textContent(), SCRIPT);
  assert.equal(await page.locator('#from_store .close').textContent(), CLOSE);
  const stored = await page.evaluate(p => localStorage.getItem(p + 'payloads'), CLOSE);
  assert.deepEqual(JSON.parse(stored), {img: IMG, script: SCRIPT, close: CLOSE});

  // An input's value and a dropdown's labels.
  assert.equal(await page.inputValue('#text'), IMG);
  await waitText(page, '#typed', IMG);
  assert.deepEqual(await page.locator('#choice option').allTextContents(), ['', IMG, SCRIPT, CLOSE]);
  await page.fill('#text', SCRIPT);
  await waitText(page, '#typed', SCRIPT);

  // `javascript:` links lose their href; a click runs nothing.
  for (const link of ['#layout_link', '#tab_link']) {
    assert.equal(await page.locator(link).getAttribute('href'), null, link);
    await page.click(link);
  }

  // Payloads in a callback's answer: new children, a link, a store.
  await page.click('#show');
  await waitText(page, '#shown .img', IMG);
  assert.equal(await page.locator('#shown .script').textContent(), SCRIPT);
  assert.equal(await page.locator('#shown .close').textContent(), CLOSE);
  assert.equal(await page.locator('#shown .callback_link').getAttribute('href'), null);
  await page.click('#shown .callback_link');
  const echoed = await page.evaluate(p => sessionStorage.getItem(p + 'echo'), CLOSE);
  assert.deepEqual(JSON.parse(echoed), {img: IMG, script: SCRIPT, close: CLOSE});

  // Give anything that might have been scheduled a moment to run.
  await page.waitForTimeout(300);
  assert.equal(page.url(), server.url, 'a link navigated');
  await assertClean(page, state);
  assert.deepEqual(problems, []);
  // The refused URLs are reported as warnings by the client, at least one per link.
  assert.ok(warnings.filter(w => /refused unsafe URL/.test(w)).length >= 3, warnings.join('\n'));

  // After a reload the payloads come back from localStorage, still as text.
  await page.reload();
  await waitText(page, '#from_store .close', CLOSE);
  await page.waitForTimeout(300);
  await assertClean(page, state);
  assert.deepEqual(problems, []);
});
