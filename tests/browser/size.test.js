// What the login example's page downloads of the client, in Chromium: as the
// server serves it today, and with the modulepreload links of the lazy
// modules (first line "// Lazy module:") left out, which shows that the
// client itself never imports them on a page that does not need them.
import test from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {setup, openPage, waitText, clientSrc} from './harness.js';

const lazy = readdirSync(clientSrc).filter(f => f.endsWith('.js') && readFileSync(path.join(clientSrc, f), 'utf8').startsWith('// Lazy module:'));

async function load(browser, url, stripLazyPreloads) {
  const {page, problems} = await openPage(await browser.newContext());
  if (stripLazyPreloads) {
    await page.route(u => new URL(u).pathname === '/', async route => {
      const response = await route.fetch();
      let body = await response.text();
      for (const f of lazy) body = body.replace(`<link rel="modulepreload" href="/_ferrodash/client/${f}">`, '');
      await route.fulfill({response, body});
    });
  }
  await page.goto(url);
  await waitText(page, '#option_text', 'No option chosen');
  await page.click('#button_login');
  await waitText(page, '#user_id_text', 'User id: 1815');
  const files = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/_ferrodash/client/'))
    .map(e => [e.name.split('/').pop(), e.encodedBodySize]));
  assert.deepEqual(problems, []);
  return {files: Object.fromEntries(files), bytes: files.reduce((n, [, b]) => n + b, 0)};
}

test('the login page downloads only the eager client modules', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'login');
  assert.ok(lazy.includes('nav.js') && lazy.includes('wildcards.js'), lazy.join());
  const served = await load(browser, server.url, false);
  const eager = await load(browser, server.url, true);
  console.log(`login page, client modules as served: ${Object.keys(served.files).length} files, ${served.bytes} B`);
  console.log(`login page, without preloading lazy modules: ${Object.keys(eager.files).length} files, ${eager.bytes} B (${Object.keys(eager.files).sort().join(' ')})`);
  for (const f of lazy) assert.equal(f in eager.files, false, `${f} was loaded`);
  assert.ok(eager.bytes > 0);
});
