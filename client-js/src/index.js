// Entry module: boots like Dash's renderer, from `_dash-config` into
// `#react-entry-point`.
// Only the config is imported statically: the layout and dependencies are
// requested before the rest of the client is imported, so the two overlap.
import {readConfig} from './config.js';

function cookie(name) {
  const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

// The page's own layout and dependencies, or null when missing or unreadable.
function readBoot(text) {
  if (!text) return null;
  try {
    const boot = JSON.parse(text);
    return boot && typeof boot === 'object' && Array.isArray(boot.dependencies) && 'layout' in boot ? boot : null;
  } catch {
    return null;
  }
}

async function boot() {
  const client = Promise.all([import('./callbacks.js'), import('./app.js')]);
  const config = readConfig(document.getElementById('_dash-config')?.textContent);
  const request = (path, init = {}) => {
    const headers = {Accept: 'application/json', 'Content-Type': 'application/json'};
    const token = config.csrf && cookie(config.csrf[0]);
    if (token) headers[config.csrf[1]] = token;
    return fetch(config.prefix + path, {credentials: 'same-origin', ...init, headers});
  };
  const getJson = async path => {
    const res = await request(path);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return res.json();
  };
  // The server puts both in the page; without them (a page of another
  // server, or one a test rewrote) they are fetched as Dash's renderer does.
  const inline = readBoot(document.getElementById('_ferrodash-boot')?.textContent);
  const boot = inline ? [inline.layout, inline.dependencies]
    : Promise.all([getJson('_dash-layout'), getJson('_dash-dependencies')]);
  const [[layout, deps], [{readResponse}, {createApp}]] = await Promise.all([boot, client]);
  const query = config.endId ? '?endId=' + encodeURIComponent(config.endId) : '';
  const post = async body => readResponse(await request('_dash-update-component' + query, {method: 'POST', body: JSON.stringify(body)}));
  const root = document.getElementById('react-entry-point');
  const app = createApp({config, layout, deps, root, doc: document, win: window, post});
  await app.start();
}

boot().catch(async e => {
  const message = `ferrodash: the app could not start: ${(e && e.message) || e}`;
  console.error(message);
  const {createErrorPanel} = await import('./errors.js');
  createErrorPanel(document).show(message);
});
