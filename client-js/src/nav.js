// Lazy module: dcc.Interval, dcc.Location and dcc.Link, imported by app.js
// only when a layout (or a response) holds one, so other pages never load it.
import {html} from './components.js';

// Dash's own event for "the URL changed without a page load": a Link sends
// it after pushState and every Location listens, as in dash-core-components.
const PUSH = '_dashprivate_pushstate';
const URL_PROPS = ['pathname', 'search', 'hash', 'href'];

function go(win, url) {
  win.history.pushState({}, '', url);
  win.dispatchEvent(new win.CustomEvent(PUSH));
}

// n_intervals += 1 every `interval` ms (default 1000) until `max_intervals`
// ticks (-1, the default: never) or while `disabled`; a new `interval`
// restarts the timer, and an unmounted Interval stops.
function interval(node, api) {
  const p = node.props, {win} = api;
  let timer = null, period;
  const stop = () => { win.clearInterval(timer); timer = null; };
  const sync = () => {
    const max = p.max_intervals ?? -1, ms = p.interval ?? 1000;
    if (p.disabled || (max >= 0 && (p.n_intervals || 0) >= max)) return stop();
    if (timer !== null && period === ms) return;
    stop();
    period = ms;
    // Dash ticks from requestAnimationFrame, so a hidden page does not tick.
    timer = win.setInterval(() => api.doc.hidden || api.setProps(node, {n_intervals: (p.n_intervals || 0) + 1}), ms);
  };
  return {el: null, mounted: sync, update: sync, unmount: stop};
}

// The page's URL as props. On mount, props the layout left unset take the
// URL's values; back/forward and Links update them. A callback writing one of
// them moves the URL: with history.pushState when `refresh` is false (or
// Dash's 'callback-nav'), else by loading the page (Dash's default, true).
function location(node, api) {
  const p = node.props, {win} = api;
  const read = () => api.setProps(node, Object.fromEntries(URL_PROPS.map(k => [k, win.location[k]])));
  win.addEventListener('popstate', read);
  win.addEventListener(PUSH, read);
  return {
    el: null,
    mounted() { api.setProps(node, Object.fromEntries(URL_PROPS.filter(k => p[k] == null).map(k => [k, win.location[k]]))); },
    update(keys) {
      const here = win.location;
      if (!keys.some(k => URL_PROPS.includes(k))) return;
      // href overrides the parts, as in Dash; the parts default to the URL's.
      const url = new URL(keys.includes('href') ? p.href : (p.pathname ?? here.pathname) + (p.search ?? here.search) + (p.hash ?? here.hash), here.href);
      if (url.href === here.href) return;
      if ((p.refresh !== false && p.refresh !== 'callback-nav') || url.origin !== here.origin) here.assign(url.href);
      else go(win, url.href);
    },
    unmount() { win.removeEventListener('popstate', read); win.removeEventListener(PUSH, read); },
  };
}

// An `a` whose plain left click changes the URL in place and tells every
// Location. Modified clicks, other targets, other origins and `refresh` are
// left to the browser; a refused (javascript:) href has no attribute at all.
function link(node, api) {
  const inst = html(node, api, 'a', false), {win} = api;
  inst.el.addEventListener('click', e => {
    const href = inst.el.getAttribute('href'), p = node.props;
    if (href === null || e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (p.refresh || (p.target != null && p.target !== '_self')) return;
    const url = new URL(href, win.location.href);
    if (url.origin !== win.location.origin) return;
    e.preventDefault();
    go(win, url.href);
    win.scrollTo(0, 0);
  });
  return inst;
}

export const components = {Interval: interval, Location: location, Link: link};
