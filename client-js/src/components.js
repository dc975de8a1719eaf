// Renderers for dash_html_components and the dcc components we support.
// Data only ever reaches the DOM through createElement, textContent,
// setAttribute and properties: never as markup.
import {equals} from './equals.js';
import {stringifyId} from './ids.js';
import {MemStore, WebStore, mountStore, updateStore, storageEventProps} from './store.js';

const RENAME = {className: 'class', htmlFor: 'for', httpEquiv: 'http-equiv', acceptCharset: 'accept-charset'};
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'background', 'data', 'codebase', 'xlink:href']);
// Props that are component state, not attributes; srcdoc would be markup.
const NOT_ATTRS = new Set(['children', 'style', 'n_clicks', 'n_clicks_timestamp', 'loading_state', 'setProps', 'key', 'srcDoc', 'srcdoc', 'dangerouslySetInnerHTML', 'disable_n_clicks']);
const STRING_BOOL = /^(aria-|data-)|^(draggable|spellCheck|contentEditable)$/;
const UNITLESS = new Set(['opacity', 'zIndex', 'flex', 'flexGrow', 'flexShrink', 'fontWeight', 'lineHeight', 'order', 'zoom', 'orphans', 'widows', 'columnCount', 'gridRow', 'gridColumn', 'tabSize']);
// Tags that would run code, load plugins, or re-aim every relative URL of the page.
const BLOCKED_TAGS = new Set(['script', 'object', 'embed', 'base', 'meta', 'frame', 'frameset']);

// Browsers drop control characters and spaces when parsing a URL scheme.
export const isDangerousUrl = v => /^(javascript|vbscript):/i.test(String(v).replace(/[\u0000-\u0020\u007f]/g, ''));

// What attribute a prop becomes: [name, value] (value null = remove), or null to skip.
export function attrFor(key, value) {
  if (NOT_ATTRS.has(key) || (/^on/i.test(key) && key !== 'open')) return null;
  const name = key === 'id' ? 'id' : RENAME[key] || key;
  if (key === 'id') return [name, value == null ? null : stringifyId(value)];
  if (value == null || (value === false && !STRING_BOOL.test(key))) return [name, null];
  if (value === true && !STRING_BOOL.test(key)) return [name, ''];
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
  if (URL_ATTRS.has(name.toLowerCase()) && isDangerousUrl(value)) return [name, null];
  return [name, String(value)];
}

function setAttr(el, key, value, api) {
  const a = attrFor(key, value);
  if (!a) return;
  if (URL_ATTRS.has(a[0].toLowerCase()) && a[1] === null && value != null && value !== false) {
    api.warn(`ferrodash: refused unsafe URL in ${key}`);
  }
  try {
    if (a[1] === null) el.removeAttribute(a[0]);
    else el.setAttribute(a[0], a[1]);
  } catch { api.warn(`ferrodash: cannot set attribute ${key}`); }
}

export function applyStyle(el, style) {
  el.removeAttribute('style');
  if (!style || typeof style !== 'object') return;
  for (const [k, v] of Object.entries(style)) {
    if (v == null || v === '' || typeof v === 'object') continue;
    if (k.includes('-')) el.style.setProperty(k, String(v));
    else el.style[k] = typeof v === 'number' && v !== 0 && !UNITLESS.has(k) ? v + 'px' : String(v);
  }
}

function applyProp(el, node, key, api) {
  if (key === 'style') applyStyle(el, node.props.style);
  else setAttr(el, key, node.props[key], api);
}

// Generic element: every html component, and the shell of dcc ones.
function element(tag, node, api, skip = new Set()) {
  const el = api.doc.createElement(tag);
  for (const k of Object.keys(node.props)) if (!skip.has(k)) applyProp(el, node, k, api);
  return el;
}

// nav.js renders dcc.Link with it, as an `a` without n_clicks.
export function html(node, api, tag = node.type.toLowerCase(), clicks = !node.props.disable_n_clicks) {
  if (!/^[a-z][a-z0-9]*$/.test(tag) || BLOCKED_TAGS.has(tag)) {
    api.warn(`ferrodash: html.${node.type} is not rendered`);
    tag = 'div';
  }
  const el = element(tag, node, api);
  let kids = api.mountChildren(el, node.props.children);
  if (clicks) el.addEventListener('click', () => api.setProps(node, {
    n_clicks: (node.props.n_clicks || 0) + 1,
    n_clicks_timestamp: Date.now(),
  }));
  return {
    el,
    update(keys) {
      for (const k of keys) {
        if (k !== 'children') applyProp(el, node, k, api);
        else {
          api.unmountAll(kids);
          el.replaceChildren();
          kids = api.mountChildren(el, node.props.children);
        }
      }
    },
    unmount() { api.unmountAll(kids); },
  };
}

export const list = v => (Array.isArray(v) ? v : []);
export const has = (values, v) => values.some(x => equals(x, v));

// A dcc widget: `state` props are rendered by sync(), the others are attributes.
export function widget(tag, state, make) {
  state = new Set(state.split(' '));
  return (node, api) => {
    const el = element(tag, node, api, state), {sync, ...rest} = make(el, node.props, node, api);
    sync();
    return {el, update(keys) { for (const k of keys) if (!state.has(k)) applyProp(el, node, k, api); sync(); }, ...rest};
  };
}

const input = widget('input', 'value debounce n_submit n_submit_timestamp n_blur n_blur_timestamp persistence persisted_props persistence_type selectionStart selectionEnd selectionDirection type', (el, p, node, api) => {
  const isNumber = () => p.type === 'number' || p.type === 'range';
  const read = () => {
    if (!isNumber()) return el.value;
    const n = el.value === '' ? NaN : Number(el.value);
    return Number.isFinite(n) ? n : null;
  };
  const count = (k) => ({[k]: (p[k] || 0) + 1, [k + '_timestamp']: Date.now()});
  let timer;
  const send = () => { clearTimeout(timer); api.setProps(node, {value: read()}); };
  el.addEventListener('input', () => {
    if (p.debounce === true) return;
    if (typeof p.debounce === 'number' && p.debounce > 0) {
      clearTimeout(timer);
      timer = setTimeout(send, p.debounce * 1000);
    } else send();
  });
  el.addEventListener('change', () => { if (p.debounce) send(); });
  el.addEventListener('keydown', e => { if (e.key === 'Enter') api.setProps(node, count('n_submit')); });
  el.addEventListener('blur', () => api.setProps(node, count('n_blur')));
  return {
    // Rewriting an equal value would move the caret, so only write differences.
    sync() {
      if (el.type !== (p.type || 'text')) el.type = p.type || 'text';
      const v = p.value;
      if (isNumber() && read() === (v ?? null)) return;
      const s = v == null ? '' : String(v);
      if (el.value !== s) el.value = s;
    },
    unmount() { clearTimeout(timer); },
  };
});

// Dash accepts a list of values, a list of {label, value, disabled}, or {value: label}.
export function normalizeOptions(options) {
  if (Array.isArray(options)) {
    return options.map(o => (o !== null && typeof o === 'object'
      ? {label: typeof o.label === 'string' || typeof o.label === 'number' ? String(o.label) : String(o.value), value: o.value, disabled: !!o.disabled}
      : {label: String(o), value: o, disabled: false}));
  }
  if (options && typeof options === 'object') {
    return Object.entries(options).map(([value, label]) => ({label: String(label), value, disabled: false}));
  }
  return [];
}

const dropdown = widget('select', 'options value placeholder multi clearable searchable search_value optionHeight maxHeight persistence persisted_props persistence_type', (el, p, node, api) => {
  let vals = [], shape = '';
  const build = () => {
    // Dash's Dropdown is clearable unless told otherwise: the empty first option clears it.
    const multi = !!p.multi, empty = !multi && (p.value == null || p.clearable !== false);
    const opts = normalizeOptions(p.options);
    const next = JSON.stringify([multi, empty, p.placeholder, opts]);
    if (next === shape) return;
    shape = next;
    el.multiple = multi;
    el.replaceChildren();
    vals = [];
    if (empty) opts.unshift({label: p.placeholder == null ? '' : String(p.placeholder), value: null});
    for (const opt of opts) {
      const o = api.doc.createElement('option');
      o.value = opt.value == null ? '' : String(opt.value);
      o.textContent = opt.label;
      o.disabled = !!opt.disabled;
      el.append(o);
      vals.push(opt.value);
    }
  };
  el.addEventListener('change', () => {
    const chosen = [...el.options].map((o, i) => (o.selected ? vals[i] : undefined)).filter(v => v !== undefined);
    api.setProps(node, {value: p.multi ? chosen.filter(v => v !== null) : chosen.length ? chosen[0] : null});
  });
  return {
    sync() {
      build();
      const want = p.multi ? list(p.value) : [p.value ?? null];
      [...el.options].forEach((o, i) => { o.selected = has(want, vals[i]); });
      if (!p.multi && !want.some(v => has(vals, v))) el.selectedIndex = -1;
    },
  };
});

// Renders nothing; all its work is keeping `data` and storage in step.
function store(node, api) {
  const type = node.props.storage_type || 'memory';
  let back;
  if (type === 'local' || type === 'session') {
    back = new WebStore(api.storage(type), api.storePrefix, type + 'Storage', api.warn, node.props.schema_version);
  } else {
    if (type !== 'memory') api.warn(`ferrodash: unknown storage_type "${type}"; using memory`);
    back = new MemStore();
  }
  const set = props => { if (props) api.setProps(node, props); };
  const onStorage = e => set(storageEventProps(e, node.props, back));
  if (back instanceof WebStore) api.win.addEventListener('storage', onStorage);
  return {
    el: null,
    mounted() { set(mountStore(node.props, back)); },
    update() { set(updateStore(node.props, back)); },
    unmount() { api.win.removeEventListener('storage', onStorage); },
  };
}

function unknown(node, api) {
  api.warn(`ferrodash: unknown component ${node.namespace}.${node.type}; rendered as an empty div`);
  const el = api.doc.createElement('div');
  if (node.props.id != null) el.id = stringifyId(node.props.id);
  return {el};
}

// Lazy modules (app.js) add the others when a page needs them.
export const DCC = {Input: input, Dropdown: dropdown, Store: store};

export function componentFor(node) {
  if (node.namespace === 'dash_html_components') return html;
  if (node.namespace === 'dash_core_components' && Object.hasOwn(DCC, node.type)) return DCC[node.type];
  return unknown;
}
