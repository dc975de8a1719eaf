// Callbacks at parity with Dash, in Chromium against scripted servers: the
// login example serves the index page (with its CSP) and the client; the
// layout, the dependencies and every callback answer come from here, in
// Dash's wire format (pattern-matching ids, running, allow_duplicate,
// clientside functions), so the client is tested before and beside the Rust
// side that produces them.
import test from 'node:test';
import assert from 'node:assert/strict';
import {setup, openPage, waitText, scriptBoot, WAIT} from './harness.js';

const html = (type, props) => ({type, namespace: 'dash_html_components', props});
const dcc = (type, props) => ({type, namespace: 'dash_core_components', props});
const item = (id, property) => ({id, property});
const spec = (output, inputs, state = [], extra = {}) => ({
  output, inputs, state, prevent_initial_call: true, clientside_function: null, no_output: false, ...extra,
});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const text = (page, sel) => page.locator(sel).textContent();
const sel = id => `[id='${JSON.stringify(Object.fromEntries(Object.entries(id).sort(([a], [b]) => (a < b ? -1 : 1))))}']`;

// Opens the app with a scripted layout, dependencies and answers.
// answer(body) -> {response, sideUpdate?} | {status, body} | 204, maybe after a delay.
// editIndex(html) may change the index page (its headers, the CSP, are kept).
async function scripted(browser, server, {layout, deps, answer, editIndex, scripts = {}}) {
  const context = await browser.newContext();
  const {page, problems, warnings} = await openPage(context);
  const requests = [];
  await scriptBoot(page, {layout, deps, editIndex});
  for (const [path, body] of Object.entries(scripts)) {
    await page.route('**' + path, r => r.fulfill({contentType: 'text/javascript', body}));
  }
  await page.route('**/_dash-update-component', async route => {
    const body = route.request().postDataJSON();
    requests.push(body);
    const a = await answer(body, requests.length);
    if (a === 204) return route.fulfill({status: 204, body: ''});
    if (a.status) return route.fulfill({status: a.status, contentType: 'application/json', body: JSON.stringify(a.body)});
    return route.fulfill({json: {multi: true, ...a}});
  });
  await page.goto(server.url);
  return {page, problems, warnings, requests, context};
}

const sorted = id => JSON.stringify(Object.fromEntries(Object.entries(id).sort(([a], [b]) => (a < b ? -1 : 1))));
const row = i => html('Li', {children: [
  html('Span', {id: {type: 'label', index: i}, children: `item ${i}`}),
  ' ', html('Span', {id: {type: 'status', index: i}}),
  ' ', html('Button', {id: {type: 'del', index: i}, children: `delete ${i}`}),
]});

test('callbacks in Chromium: pattern matching, running, stale answers, duplicate patches', {timeout: 180000}, async t => {
  const {server, browser} = await setup(t, 'login');

  await t.test('pattern matching: MATCH per item, an ALL counter, items added and removed', async () => {
    let items = [0, 1, 2];
    const DEL_MATCH = item({type: 'del', index: ['MATCH']}, 'n_clicks');
    const {page, problems, requests} = await scripted(browser, server, {
      layout: html('Div', {children: [
        html('Button', {id: 'add', children: 'add'}),
        html('Ul', {id: 'list', children: items.map(row)}),
        html('P', {id: 'count'}),
      ]}),
      deps: [
        // Initial calls for each item, also for items that arrive later.
        spec('{"index":["MATCH"],"type":"status"}.children', [DEL_MATCH], [], {prevent_initial_call: false}),
        spec('count.children', [item({type: 'del', index: ['ALL']}, 'n_clicks')], [], {prevent_initial_call: false}),
        spec('list.children', [item('add', 'n_clicks'), item({type: 'del', index: ['ALL']}, 'n_clicks')]),
      ],
      answer(b) {
        if (b.output === 'count.children') {
          return {response: {count: {children: `${b.inputs[0].length} items: ${b.inputs[0].map(i => i.id.index).join(',')}`}}};
        }
        if (b.output === 'list.children') {
          if (b.changedPropIds[0] === 'add.n_clicks') items = [...items, Math.max(-1, ...items) + 1];
          else items = items.filter(i => !b.changedPropIds.includes(`{"index":${i},"type":"del"}.n_clicks`));
          return {response: {list: {children: items.map(row)}}};
        }
        const {index} = b.outputs.id;
        return {response: {[sorted({type: 'status', index})]: {children: b.inputs[0].value ? 'clicked' : `ready ${index}`}}};
      },
    });
    await waitText(page, '#count', '3 items: 0,1,2');
    for (const i of items) await waitText(page, sel({type: 'status', index: i}), `ready ${i}`);
    const initial = requests.filter(r => r.output.includes('status'));
    assert.deepEqual(initial.map(r => [r.outputs.id, r.changedPropIds]), [0, 1, 2].map(i => [{index: i, type: 'status'}, []]));
    assert.deepEqual(initial[1].inputs, [{id: {index: 1, type: 'del'}, property: 'n_clicks'}]);
    const countReq = requests.find(r => r.output === 'count.children');
    assert.deepEqual(countReq.inputs, [[0, 1, 2].map(i => ({id: {index: i, type: 'del'}, property: 'n_clicks'}))]);

    await page.click('#add');
    await waitText(page, '#count', '4 items: 0,1,2,3');
    await waitText(page, sel({type: 'status', index: 3}), 'ready 3');
    const newItem = requests.filter(r => r.output.includes('status')).at(-1);
    assert.deepEqual([newItem.outputs.id, newItem.changedPropIds], [{index: 3, type: 'status'}, []], 'the new item got its initial call');

    await page.click(sel({type: 'del', index: 1}));
    await waitText(page, '#count', '3 items: 0,2,3');
    assert.equal(await page.locator(sel({type: 'del', index: 1})).count(), 0);
    const delReq = requests.find(r => r.output === 'list.children' && r.changedPropIds[0].includes('del'));
    assert.deepEqual(delReq.changedPropIds, ['{"index":1,"type":"del"}.n_clicks']);
    assert.deepEqual(delReq.parsedChangedPropsIds, [{index: 1, type: 'del'}]);
    assert.deepEqual(delReq.inputs[1].map(i => [i.id.index, i.value]), [[0, undefined], [1, 1], [2, undefined], [3, undefined]]);
    assert.deepEqual(problems, []);
  });

  await t.test('running: the button is disabled while its call is in flight, and after a 204 or an error too', async () => {
    let delay = 800, status = 200;
    const {page, problems, requests} = await scripted(browser, server, {
      layout: html('Div', {children: [html('Button', {id: 'btn', children: 'Run'}), html('P', {id: 'out'}), html('P', {id: 'state', children: 'idle'}),
        html('Button', {id: {type: 'row', index: 7}, children: 'row'}), html('P', {id: {type: 'rowout', index: 7}})]}),
      deps: [
        spec('out.children', [item('btn', 'n_clicks')], [], {running: {running: {'btn.disabled': true, 'state.children': 'running'}, runningOff: {'btn.disabled': false, 'state.children': 'idle'}}}),
        spec('{"index":["MATCH"],"type":"rowout"}.children', [item({type: 'row', index: ['MATCH']}, 'n_clicks')], [],
          {running: {running: {'{"index":["MATCH"],"type":"row"}.disabled': true}, runningOff: {'{"index":["MATCH"],"type":"row"}.disabled': false}}}),
      ],
      async answer(b) {
        await sleep(delay);
        if (b.output.includes('rowout')) return {response: {[sorted(b.outputs.id)]: {children: 'row done'}}};
        if (status === 204) return 204;
        if (status === 500) return {status: 500, body: {error: 'callback_failed', message: 'boom'}};
        return {response: {out: {children: `ran ${b.inputs[0].value}`}}};
      },
    });
    await page.waitForSelector('#btn');
    for (const [s, after] of [[200, 'ran 1'], [204, 'ran 1'], [500, 'ran 1']]) {
      status = s;
      await page.click('#btn');
      await waitText(page, '#state', 'running');
      assert.equal(await page.locator('#btn').isDisabled(), true, 'disabled while in flight');
      await waitText(page, '#state', 'idle');
      assert.equal(await page.locator('#btn').isDisabled(), false, `enabled after a ${s}`);
      assert.equal(await text(page, '#out'), after);
    }
    const row = sel({type: 'row', index: 7});
    await page.click(row);
    await page.waitForFunction(s => document.querySelector(s).disabled, row, {timeout: WAIT});
    await waitText(page, sel({type: 'rowout', index: 7}), 'row done');
    await page.waitForFunction(s => !document.querySelector(s).disabled, row, {timeout: WAIT});
    assert.equal(requests.length, 4);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems.join('\n'), /Callback error updating out\.children: boom/);
  });

  await t.test('no stale answers: a slow first answer never overwrites a fast second one', async () => {
    const {page, problems, requests} = await scripted(browser, server, {
      layout: html('Div', {children: [dcc('Input', {id: 'inp', value: ''}), html('P', {id: 'out'}), html('P', {id: 'after'})]}),
      deps: [spec('out.children', [item('inp', 'value')]), spec('after.children', [item('out', 'children')])],
      async answer(b, n) {
        if (b.output === 'after.children') return {response: {after: {children: `after ${b.inputs[0].value}`}}};
        await sleep(n === 1 ? 1500 : 100);
        return {response: {out: {children: `echo ${b.inputs[0].value}`}}};
      },
    });
    await page.fill('#inp', 'first');
    await page.waitForTimeout(100);
    await page.fill('#inp', 'second');
    await waitText(page, '#out', 'echo second');
    await waitText(page, '#after', 'after echo second');
    await page.waitForTimeout(1800);
    assert.equal(await text(page, '#out'), 'echo second', 'the first answer arrived last and was dropped');
    assert.equal(await text(page, '#after'), 'after echo second', 'and fired nothing');
    assert.deepEqual(requests.filter(r => r.output === 'out.children').map(r => r.inputs[0].value), ['first', 'second']);
    assert.deepEqual(problems, []);
  });

  await t.test('two callbacks patching one store through allow_duplicate outputs: both patches land', async () => {
    const append = v => ({__dash_patch_update: '__dash_patch_update', operations: [{operation: 'Append', location: [], params: {value: v}}]});
    const {page, problems, requests} = await scripted(browser, server, {
      layout: html('Div', {children: [html('Button', {id: 'btn', children: 'go'}), dcc('Store', {id: 'log', data: []}), html('P', {id: 'shown'})]}),
      deps: [
        spec('log.data@3eb5c6874c0553ce107823c514131222db0c1ce9f5877187cdd472be1da6af32', [item('btn', 'n_clicks')]),
        spec('log.data@9f0e7d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6', [item('btn', 'n_clicks')]),
        spec('shown.children', [item('log', 'data')]),
      ],
      async answer(b) {
        if (b.output === 'shown.children') return {response: {shown: {children: JSON.stringify(b.inputs[0].value)}}};
        const slow = b.output.includes('@3eb5');
        await sleep(slow ? 500 : 50);
        return {response: {log: {[b.outputs.property]: append(`${slow ? 'slow' : 'fast'} ${b.inputs[0].value}`)}}};
      },
    });
    await page.waitForSelector('#btn');
    await page.click('#btn');
    await page.click('#btn');
    await waitText(page, '#shown', '["fast 2","slow 2"]');
    const patchCalls = requests.filter(r => r.output.startsWith('log.'));
    assert.deepEqual(patchCalls.map(r => r.outputs.property.split('@')[1].slice(0, 4)).sort(), ['3eb5', '3eb5', '9f0e', '9f0e']);
    assert.deepEqual(problems, []);
  });

  await t.test('Location written by a callback: pushState with refresh false, a page load by default', async () => {
    const {page, problems} = await scripted(browser, server, {
      layout: html('Div', {children: [dcc('Location', {id: 'url', refresh: false}), dcc('Location', {id: 'hard'}),
        html('Button', {id: 'soft_go'}), html('Button', {id: 'hard_go'}), html('P', {id: 'path'})]}),
      deps: [
        spec('url.pathname', [item('soft_go', 'n_clicks')]),
        spec('hard.href', [item('hard_go', 'n_clicks')]),
        spec('path.children', [item('url', 'pathname'), item('url', 'search')], [], {prevent_initial_call: false}),
      ],
      answer(b) {
        if (b.output === 'url.pathname') return {response: {url: {pathname: '/moved'}}};
        if (b.output === 'hard.href') return {response: {hard: {href: '/reloaded?x=1'}}};
        return {response: {path: {children: b.inputs.map(i => i.value).join(' ')}}};
      },
    });
    await waitText(page, '#path', '/ ');
    await page.evaluate(() => { window.__same_page = true; });
    await page.click('#soft_go');
    await waitText(page, '#path', '/moved ');
    assert.equal(new URL(page.url()).pathname, '/moved');
    assert.equal(await page.evaluate(() => window.__same_page), true);
    await page.goBack();
    await waitText(page, '#path', '/ ');
    await Promise.all([page.waitForURL('**/reloaded?x=1', {timeout: WAIT}), page.click('#hard_go')]);
    await waitText(page, '#path', '/reloaded ?x=1');
    assert.equal(await page.evaluate(() => window.__same_page), undefined, 'a real page load');
    assert.deepEqual(problems, []);
  });
});

test('errors: a visible, dismissible list in development mode; the console only otherwise', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'login');
  const layout = html('Div', {children: [html('Button', {id: 'b', children: 'go'}), html('P', {id: 'o'}), html('P', {id: 'p'})]});
  const deps = [spec('..o.children...p.children..', [item('b', 'n_clicks')])];
  for (const ui of [true, false]) {
    let n = 0;
    const {page, problems} = await scripted(browser, server, {
      layout, deps,
      editIndex: ui ? body => body.replace('"ui":false', '"ui":true') : undefined,
      answer: () => (++n <= 2 ? {status: 500, body: {error: 'callback_failed', message: `callback \`go\` failed (${n})`}} : {response: {o: {children: 'works'}}}),
    });
    await page.waitForSelector('#b');
    await page.click('#b');
    await page.click('#b');
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(300);
    const panel = page.locator('#_ferrodash-errors');
    if (ui) {
      await panel.waitFor({state: 'visible', timeout: WAIT});
      await page.waitForFunction(() => document.querySelectorAll('#_ferrodash-errors > div > div').length === 2, null, {timeout: WAIT});
      const items = await page.locator('#_ferrodash-errors > div > div').allTextContents();
      assert.deepEqual(items, [1, 2].map(i => `Callback error updating o.children, p.children: callback \`go\` failed (${i})`));
      assert.equal(await page.locator('#_ferrodash-errors strong').textContent(), '2 problems');
      const box = await panel.boundingBox();
      assert.ok(box.width > 100 && box.height > 30, JSON.stringify(box));
      assert.equal(await panel.evaluate(e => getComputedStyle(e).position), 'fixed');
      await page.click('#_ferrodash-errors button[aria-label="Dismiss"]');
      assert.equal(await panel.count(), 0);
    } else {
      assert.equal(await panel.count(), 0, 'no panel for the public');
    }
    assert.equal(problems.filter(p => /Callback error updating o\.children, p\.children: callback `go` failed/.test(p)).length, 2, problems.join('\n'));
    await page.click('#b');
    await waitText(page, '#o', 'works');
  }
});

test('clientside callbacks under a CSP without eval or other inline scripts: functions from a script file, Promise, no_update, PreventUpdate, set_props, callback_context', {timeout: 120000}, async t => {
  const {server, browser} = await setup(t, 'login');
  const functions = `window.dash_clientside = Object.assign({}, window.dash_clientside, {
    app: {
      shout: function (v) { return String(v).toUpperCase(); },
      later: function (v) {
        const ctx = window.dash_clientside.callback_context;
        const id = ctx.triggered_id;
        return new Promise(function (resolve) {
          setTimeout(function () {
            window.dash_clientside.set_props('side', {children: 'side ' + v});
            resolve([v + ' later', window.dash_clientside.no_update, JSON.stringify(id)]);
          }, 50);
        });
      },
      refuse: function () { throw window.dash_clientside.PreventUpdate; },
      items: function (values) { return values.map(function (v) { return 'item ' + v; }); },
    },
  });`;
  const cs = (ns, fn) => ({clientside_function: {namespace: ns, function_name: fn}});
  const {page, problems, requests, context} = await scripted(browser, server, {
    editIndex: body => body.replace('<script type="module"', '<script src="/_ferrodash/clientside.js"></script><script type="module"'),
    scripts: {'/_ferrodash/clientside.js': functions},
    layout: html('Div', {children: [
      dcc('Input', {id: 'inp', value: 'a'}), html('P', {id: 'loud'}), html('P', {id: 'late'}), html('P', {id: 'kept', children: 'kept'}),
      html('P', {id: 'trig'}), html('P', {id: 'side'}), html('P', {id: 'refused', children: 'untouched'}),
      dcc('Input', {id: {type: 'v', index: 0}, value: 'x'}), dcc('Input', {id: {type: 'v', index: 1}, value: 'y'}),
      html('P', {id: {type: 'o', index: 0}}), html('P', {id: {type: 'o', index: 1}}), html('P', {id: 'echo'}),
    ]}),
    deps: [
      spec('loud.children', [item('inp', 'value')], [], {prevent_initial_call: false, ...cs('app', 'shout')}),
      spec('..late.children...kept.children...trig.children..', [item('inp', 'value')], [], cs('app', 'later')),
      spec('refused.children', [item('inp', 'value')], [], cs('app', 'refuse')),
      spec('{"index":["ALL"],"type":"o"}.children', [item({type: 'v', index: ['ALL']}, 'value')], [], {prevent_initial_call: false, ...cs('app', 'items')}),
      spec('echo.children', [item('side', 'children')]),
    ],
    answer: b => ({response: {echo: {children: `server saw ${b.inputs[0].value}`}}}),
  });
  await waitText(page, '#loud', 'A');
  await waitText(page, sel({type: 'o', index: 1}), 'item y');
  await page.fill('#inp', 'b');
  await waitText(page, '#loud', 'B');
  await waitText(page, '#late', 'b later');
  assert.equal(await text(page, '#kept'), 'kept', 'no_update');
  assert.equal(await text(page, '#trig'), '"inp"');
  await waitText(page, '#side', 'side b');
  await waitText(page, '#echo', 'server saw side b', 'set_props fired a server callback');
  assert.equal(await text(page, '#refused'), 'untouched', 'PreventUpdate');
  await page.fill(sel({type: 'v', index: 0}), 'z');
  await waitText(page, sel({type: 'o', index: 0}), 'item z');
  assert.deepEqual(requests.map(r => r.output), ['echo.children'], 'clientside callbacks make no requests');
  const csp = await (await context.request.get(server.url)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/, 'the CSP allows no eval and no inline script but the client, by its hash');
  assert.deepEqual(problems, []);
});
