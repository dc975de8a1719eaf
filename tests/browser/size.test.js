// What a page downloads of the client, in Chromium. The modules every page
// needs are one script inside the index page (no fetch before the client
// starts); a module marked "// Lazy module:" is fetched only by a page that
// needs it: the login example needs none, the pages example (dcc.Location
// and dcc.Link) needs nav.js.
import test from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {startExample, launchBrowser, openPage, waitText, clientSrc} from './harness.js';

const lazy = readdirSync(clientSrc).filter(f => f.endsWith('.js') && readFileSync(path.join(clientSrc, f), 'utf8').startsWith('// Lazy module:'));

// The client files the page fetched, and the client script inside it.
async function clientOf(page) {
  return page.evaluate(() => ({
    files: performance.getEntriesByType('resource')
      .filter(e => e.name.includes('/_ferrodash/client/'))
      .map(e => e.name.split('/').pop()),
    inline: document.getElementById('_ferrodash-client')?.textContent ?? '',
  }));
}

test('a page runs the client from inside itself, and fetches a lazy module only when it needs it', {timeout: 120000}, async t => {
  assert.ok(lazy.includes('nav.js') && lazy.includes('wildcards.js'), lazy.join());
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const login = await startExample('login');
  t.after(() => login.stop());
  let {page, problems} = await openPage(await browser.newContext());
  await page.goto(login.url);
  await waitText(page, '#option_text', 'No option chosen');
  await page.click('#button_login');
  await waitText(page, '#user_id_text', 'User id: 1815');
  const seen = await clientOf(page);
  const gzipped = gzipSync(seen.inline, {level: 9}).length;
  console.log(`login page: the client inside the page is ${seen.inline.length} B, ${gzipped} B gzip -9; client files fetched: ${seen.files.length}`);
  assert.deepEqual(seen.files, [], 'the login page fetched client files');
  assert.ok(gzipped > 1000 && gzipped < 15360, `${gzipped} B`);
  assert.deepEqual(problems, []);

  const pages = await startExample('pages');
  t.after(() => pages.stop());
  ({page, problems} = await openPage(await browser.newContext()));
  await page.goto(pages.url);
  await waitText(page, '#page h2', 'Home');
  const fetched = (await clientOf(page)).files;
  assert.deepEqual(fetched, ['nav.js'], 'the pages example needs dcc.Location and dcc.Link');
  assert.deepEqual(problems, []);
});
