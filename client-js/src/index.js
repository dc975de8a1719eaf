// Entry module: boots like Dash's renderer, from `_dash-config` into
// `#react-entry-point`.
import {readConfig} from './config.js';
import {readResponse} from './callbacks.js';
import {createApp} from './app.js';
import {createErrorPanel} from './errors.js';

function cookie(name) {
  const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

async function boot() {
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
  const [layout, deps] = await Promise.all([getJson('_dash-layout'), getJson('_dash-dependencies')]);
  const query = config.endId ? '?endId=' + encodeURIComponent(config.endId) : '';
  const post = async body => readResponse(await request('_dash-update-component' + query, {method: 'POST', body: JSON.stringify(body)}));
  const root = document.getElementById('react-entry-point');
  const app = createApp({config, layout, deps, root, doc: document, win: window, post});
  app.start();
}

boot().catch(e => {
  const message = `ferrodash: the app could not start: ${(e && e.message) || e}`;
  console.error(message);
  createErrorPanel(document).show(message);
});
