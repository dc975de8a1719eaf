// Time from page load to the first callback response, in Debian's headless
// Chromium driven by playwright-core (no browser download).
//
//   node bench/first_callback.mjs URL [LOADS] [BASELINE_URL]
//
// BASELINE_URL is a page that does the least a page can: one inline script
// that posts one request. Its loads alternate with the app's, so both meet
// the same machine; its time is the browser's floor.
//
// Each load is cold: a new browser context (empty cache, no storage). One
// unrecorded load first warms the browser process itself. Times come from
// the page's own Navigation and Resource Timing entries, in ms after
// navigation start. Progress goes to stderr; the last stdout line is JSON.
import {createRequire} from 'node:module';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [url, loadsArg, baselineUrl] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/first_callback.mjs URL [LOADS]');
  process.exit(2);
}
const loads = Number(loadsArg || 10);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// playwright-core from the browser tests' node_modules, or from bench's own.
function loadPlaywright() {
  for (const dir of ['../tests/browser', '.']) {
    const pkg = path.resolve(here, dir, 'package.json');
    if (!existsSync(path.resolve(here, dir, 'node_modules/playwright-core'))) continue;
    return createRequire(pkg)('playwright-core');
  }
  throw new Error('playwright-core is not installed: run `npm ci` in tests/browser (scripts/bench.sh does)');
}

const UPDATE = '/_dash-update-component';

// The baseline page's first (and only) request.
async function baselineLoad(browser) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const answered = page.waitForResponse(r => r.request().method() === 'POST', {timeout: 15000});
    await page.goto(baselineUrl, {waitUntil: 'commit', timeout: 15000});
    await answered;
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').some(e => e.initiatorType === 'fetch' && e.responseEnd > 0),
      null, {timeout: 15000, polling: 5});
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const first = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch')[0];
      return {html: nav.responseEnd, parsed: nav.domInteractive, first_update: first.responseEnd};
    });
  } finally {
    await context.close();
  }
}

async function oneLoad(browser) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    const firstUpdate = page.waitForResponse(r => r.url().includes(UPDATE), {timeout: 15000});
    await page.goto(url, {waitUntil: 'commit', timeout: 15000});
    await firstUpdate;
    // The entry is recorded once the body has arrived.
    await page.waitForFunction(
      u => performance.getEntriesByType('resource').some(e => e.name.includes(u) && e.responseEnd > 0),
      UPDATE, {timeout: 15000, polling: 5});
    const t = await page.evaluate(u => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const end = f => Math.max(0, ...res.filter(f).map(e => e.responseEnd));
      const updates = res.filter(e => e.name.includes(u)).sort((a, b) => a.responseEnd - b.responseEnd);
      return {
        html: nav.responseEnd,
        // The HTML parsed (the client is inside it), and the client run:
        // module scripts run before DOMContentLoaded.
        parsed: nav.domInteractive,
        client_ran: nav.domContentLoadedEventStart,
        // Lazy modules, if this page needed any before its first callback.
        scripts: end(e => e.name.endsWith('.js')),
        script_files: res.filter(e => e.name.endsWith('.js')).length,
        layout_and_deps: end(e => /_dash-(layout|dependencies)/.test(e.name)),
        first_update_sent: updates[0].requestStart || updates[0].startTime,
        first_update: updates[0].responseEnd,
      };
    }, UPDATE);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return t;
  } finally {
    await context.close();
  }
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = x => Math.round(x * 10) / 10;

const {chromium} = loadPlaywright();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  timeout: 30000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  await oneLoad(browser); // warms the browser process, not recorded
  if (baselineUrl) await baselineLoad(browser);
  const runs = [], floor = [], floorRuns = [];
  for (let i = 0; i < loads; i++) {
    const t = await oneLoad(browser);
    const b = baselineUrl ? await baselineLoad(browser) : null;
    console.error(`  load ${i + 1}: first callback response at ${round(t.first_update)} ms` +
      (b ? `; the bare page's at ${round(b.first_update)} ms` : ''));
    runs.push(t);
    if (b) { floor.push(b.first_update); floorRuns.push(b); }
  }
  const firsts = runs.map(r => r.first_update);
  const milestones = {};
  for (const key of ['html', 'parsed', 'scripts', 'layout_and_deps', 'client_ran', 'first_update_sent', 'first_update']) {
    // A page that fetched no module, or no layout, has no such milestone.
    const m = round(median(runs.map(r => r[key])));
    if (m > 0) milestones[key] = m;
  }
  console.log(JSON.stringify({
    url,
    first_update_ms: firsts.map(round),
    median_ms: round(median(firsts)),
    min_ms: round(Math.min(...firsts)),
    max_ms: round(Math.max(...firsts)),
    script_files: runs[0].script_files,
    ...(floor.length ? {
      baseline_ms: floor.map(round),
      baseline_median_ms: round(median(floor)),
      baseline_milestones_median_ms: Object.fromEntries(['html', 'parsed', 'first_update']
        .map(key => [key, round(median(floorRuns.map(r => r[key])))])),
    } : {}),
    milestones_median_ms: milestones,
  }));
} finally {
  await browser.close();
}
