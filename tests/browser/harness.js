// Starts an already built example server on a free loopback port and launches
// Debian's Chromium through playwright-core. Builds nothing, downloads nothing.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const examplesDir = path.resolve(here, process.env.FERRODASH_EXAMPLES_DIR || '../../target/debug/examples');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const clientSrc = path.resolve(here, '../../client-js/src');

const sleep = ms => new Promise(r => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const {port} = s.address(); s.close(() => resolve(port)); });
  });
}

// Resolves once `GET /` answers 200; rejects if the process exits or the
// deadline passes. `stop()` ends the process (SIGTERM, then SIGKILL).
export async function startExample(name, {timeoutMs = 30000} = {}) {
  const bin = path.join(examplesDir, name);
  if (!existsSync(bin)) throw new Error(`${bin} does not exist: run \`cargo build --example ${name}\` first`);
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port)], {stdio: ['ignore', 'pipe', 'pipe']});
  let log = '';
  child.stdout.on('data', d => { log += d; });
  child.stderr.on('data', d => { log += d; });
  const exited = new Promise(resolve => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!done) { child.kill('SIGKILL'); await Promise.race([exited, sleep(2000)]); }
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`example ${name} exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(url, {signal: AbortSignal.timeout(2000)});
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`example ${name} did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await sleep(100);
  }
  return {url, port, child, stop, log: () => log};
}

export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// Console errors and uncaught page errors, collected for a "clean console" check.
export function watchConsole(page) {
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`uncaught: ${e.message}`));
  return problems;
}

export const WAIT = 10000;

// A page with bounded timeouts, its console errors (`problems`) and warnings.
export async function openPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);
  const problems = watchConsole(page), warnings = [];
  page.on('console', m => { if (m.type() === 'warning') warnings.push(m.text()); });
  return {page, problems, warnings};
}

export const waitText = (page, sel, want) => page.waitForFunction(
  ([s, w]) => document.querySelector(s)?.textContent === w, [sel, want], {timeout: WAIT});

// Starts an example and a browser; both are stopped when the test ends.
export async function setup(t, example) {
  const server = await startExample(example);
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  return {server, browser};
}

// The server writes the layout and the dependencies into its page. A test
// that scripts them takes them out of the page, so that the client fetches
// them from `_dash-layout` and `_dash-dependencies` (as from any Dash
// server), and answers those itself. `editIndex(html)` may change the page
// further; its headers (the CSP) are kept.
export const withoutBoot = html => html.replace(/<script id="_ferrodash-boot"[^>]*>.*?<\/script>\n?/s, '');
export async function scriptBoot(target, {layout, deps, editIndex = html => html}) {
  await target.route(u => !new URL(u).pathname.startsWith('/_'), async route => {
    const response = await route.fetch();
    await route.fulfill({response, body: editIndex(withoutBoot(await response.text()))});
  });
  await target.route('**/_dash-layout', r => r.fulfill({json: layout}));
  await target.route('**/_dash-dependencies', r => r.fulfill({json: deps}));
}
