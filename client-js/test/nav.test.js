// dcc.Interval, dcc.Location and dcc.Link (nav.js, loaded lazily) through the
// whole client, on the fake DOM and a fake window with history and timers.
import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {html, dcc, spec, settle, boot} from './fakedom.js';

const echo = out => b => ({status: 200, data: {multi: true, response: {[out]: {children: JSON.stringify(b.inputs.map(i => i.value ?? null))}}}});
const click = (el, extra = {}) => {
  const seen = {defaultPrevented: false};
  el.fire('click', {button: 0, defaultPrevented: false, preventDefault() { seen.defaultPrevented = true; }, ...extra});
  return seen;
};

test('a page without Interval, Location or Link starts synchronously and never loads nav.js', async () => {
  const t = boot({layout: [html('P', {id: 'p'})], deps: []});
  assert.ok(t.byId('p'), 'rendered before start() returned');
  await t.started;
});

test('Interval: n_intervals += 1 per period, max_intervals, disabled and a new interval from a callback, stops when unmounted', async () => {
  const t = boot({
    layout: [dcc('Interval', {id: 'tick', interval: 100, n_intervals: 0, max_intervals: 3}), html('P', {id: 'o'}),
      html('Button', {id: 'off'}), html('Button', {id: 'fast'}), html('Button', {id: 'drop'}), html('Div', {id: 'holder'})],
    deps: [
      spec('o.children', ['tick.n_intervals'], [], true),
      spec('tick.disabled', ['off.n_clicks'], [], true),
      spec('..tick.interval...tick.disabled...tick.max_intervals..', ['fast.n_clicks'], [], true),
      spec('holder.children', ['drop.n_clicks'], [], true),
    ],
    handler: b => ({
      'o.children': echo('o'),
      'tick.disabled': () => ({status: 200, data: {multi: true, response: {tick: {disabled: true}}}}),
      '..tick.interval...tick.disabled...tick.max_intervals..': () => ({status: 200, data: {multi: true, response: {tick: {interval: 10, disabled: false, max_intervals: -1}}}}),
      'holder.children': () => ({status: 200, data: {multi: true, response: {holder: {children: [dcc('Interval', {id: 'inner', interval: 50})]}}}}),
    })[b.output](b),
  });
  await t.started;
  await settle();
  assert.equal(t.requests.length, 0);
  t.timers.tick(250);
  await settle();
  assert.equal(t.app.ids.get('tick').props.n_intervals, 2);
  assert.equal(t.byId('o').textContent, '[2]');
  t.timers.tick(1000);
  await settle();
  assert.equal(t.app.ids.get('tick').props.n_intervals, 3, 'max_intervals stops it');
  assert.equal(t.timers.timers.size, 0);

  t.byId('fast').fire('click');
  await settle();
  t.timers.tick(35);
  await settle();
  assert.equal(t.app.ids.get('tick').props.n_intervals, 6, 'a new interval and no limit restart it');
  t.byId('off').fire('click');
  await settle();
  t.timers.tick(100);
  assert.equal(t.app.ids.get('tick').props.n_intervals, 6, 'disabled stops it');
  assert.equal(t.timers.timers.size, 0);

  t.byId('drop').fire('click');
  await settle();
  assert.equal(t.timers.timers.size, 1, 'an Interval arriving in a response loads and starts');
  t.timers.tick(120);
  assert.equal(t.app.ids.get('inner').props.n_intervals, 2, 'n_intervals defaults to 0, counted up');
  t.byId('drop').fire('click');
  await settle();
  assert.equal(t.timers.timers.size, 1, 'the replaced one stopped, its replacement runs');
});

test('Location: props from the URL on mount (merged into the initial call), back/forward, Links, callbacks writing the URL', async () => {
  const t = boot({
    href: 'http://app.test/reports?x=1#top',
    layout: [
      dcc('Location', {id: 'url', refresh: false}),
      html('Nav', {children: [dcc('Link', {id: 'to_settings', href: '/settings', children: 'Settings'}),
        dcc('Link', {id: 'bad', href: 'javascript:alert(1)', children: 'bad'}),
        dcc('Link', {id: 'away', href: 'https://elsewhere.test/', children: 'away'}),
        dcc('Link', {id: 'reload', href: '/reload', refresh: true, children: 'reload'})]}),
      html('Div', {id: 'page'}), html('P', {id: 'href'}), html('Button', {id: 'go'}),
    ],
    deps: [
      spec('page.children', ['url.pathname']),
      spec('href.children', ['url.href', 'url.search', 'url.hash'], [], true),
      spec('url.pathname', ['go.n_clicks'], [], true),
    ],
    handler: b => (b.output === 'url.pathname'
      ? {status: 200, data: {multi: true, response: {url: {pathname: '/from-callback'}}}}
      : b.output === 'page.children' ? echo('page')(b) : echo('href')(b)),
  });
  await t.started;
  await settle();
  assert.deepEqual(t.requests.map(r => [r.output, r.changedPropIds]), [
    ['page.children', ['url.pathname']],
    ['href.children', ['url.search', 'url.hash', 'url.href']],
  ], 'set on mount: triggered, so prevent_initial_call does not hold them back (as in Dash)');
  assert.equal(t.byId('page').textContent, '["/reports"]');
  assert.deepEqual(['pathname', 'search', 'hash', 'href'].map(k => t.app.ids.get('url').props[k]), ['/reports', '?x=1', '#top', 'http://app.test/reports?x=1#top']);

  const link = t.byId('to_settings');
  assert.equal(link.tagName, 'A');
  assert.equal(link.getAttribute('href'), '/settings');
  const e = click(link);
  await settle();
  assert.equal(e.defaultPrevented, true, 'no page load');
  assert.deepEqual(t.win.history.pushed, ['http://app.test/settings']);
  assert.equal(t.byId('page').textContent, '["/settings"]');
  assert.equal(t.byId('href').textContent, '["http://app.test/settings","",""]');
  assert.equal(t.app.ids.get('to_settings').props.n_clicks, undefined, 'a Link has no n_clicks');

  for (const extra of [{ctrlKey: true}, {metaKey: true}, {shiftKey: true}, {button: 1}]) {
    assert.equal(click(link, extra).defaultPrevented, false, 'modified clicks are the browser\'s');
  }
  assert.equal(t.byId('bad').getAttribute('href'), null, 'never a javascript: href');
  assert.equal(click(t.byId('bad')).defaultPrevented, false);
  assert.equal(click(t.byId('away')).defaultPrevented, false, 'another origin loads normally');
  assert.equal(click(t.byId('reload')).defaultPrevented, false, 'refresh loads normally');
  assert.equal(t.win.history.pushed.length, 1);

  t.win.history.back('http://app.test/reports?x=1#top');
  await settle();
  assert.equal(t.byId('page').textContent, '["/reports"]');

  t.byId('go').fire('click');
  await settle();
  assert.deepEqual(t.win.history.pushed.at(-1), 'http://app.test/from-callback?x=1#top');
  assert.equal(t.byId('page').textContent, '["/from-callback"]');
  assert.equal(t.byId('href').textContent, '["http://app.test/from-callback?x=1#top","?x=1","#top"]');
  assert.deepEqual(t.win.location.assigned, []);
  assert.deepEqual(t.logs.warn.filter(w => !/unsafe URL/.test(w)), []);
});

test('Location without refresh: false loads the new URL, as Dash does by default', async () => {
  const t = boot({
    layout: [dcc('Location', {id: 'url'}), html('Button', {id: 'go'})],
    deps: [spec('url.href', ['go.n_clicks'], [], true)],
    handler: () => ({status: 200, data: {multi: true, response: {url: {href: '/login?next=%2F'}}}}),
  });
  await t.started;
  t.byId('go').fire('click');
  await settle();
  assert.deepEqual(t.win.location.assigned, ['http://app.test/login?next=%2F']);
  assert.deepEqual(t.win.history.pushed, []);
});

test('an unmounted Location stops listening', async () => {
  const t = boot({
    layout: [html('Div', {id: 'holder', children: dcc('Location', {id: 'url'})}), html('Button', {id: 'b'})],
    deps: [spec('holder.children', ['b.n_clicks'], [], true)],
    handler: () => ({status: 200, data: {multi: true, response: {holder: {children: 'gone'}}}}),
  });
  await t.started;
  assert.equal(t.on.popstate.length, 1);
  t.byId('b').fire('click');
  await settle();
  assert.equal(t.on.popstate.length, 0);
  assert.equal(t.on._dashprivate_pushstate.length, 0);
});
