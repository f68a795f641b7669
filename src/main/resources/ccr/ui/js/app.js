// The UI's shell: a hash router over the pages, and the live in-flight figure in the header.
import {api} from './api.js';
import * as dashboard from './dashboard.js';
import * as history from './history.js';
import * as providers from './providers.js';
import * as config from './config.js';
import * as logs from './logs.js';
import {h, message} from './format.js';

const pages = {dashboard, history, providers, config, logs};
let leave = null;

/** "#/history?provider=p" → {page: "history", rest: [], params: {provider: "p"}}. */
function location() {
  const [path, search] = (window.location.hash.replace(/^#\/?/, '') || 'dashboard').split('?');
  const [page, ...rest] = path.split('/');
  return {page, rest, params: Object.fromEntries(new URLSearchParams(search ?? ''))};
}

async function show() {
  if (leave) leave();
  leave = null;
  const {page, rest, params} = location();
  const view = document.getElementById('view');
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.page === page);
  const module = pages[page];
  view.replaceChildren();
  if (!module) {
    view.append(message('No page ' + page));
    return;
  }
  try {
    leave = (await module.render(view, params, rest)) ?? null;
  } catch (e) {
    view.append(message(e.message));
  }
}

/** Requests and streams in flight, from /api/usage/live. */
async function pollLive() {
  const live = document.getElementById('live');
  try {
    const now = await api('usage/live');
    live.replaceChildren(h('span', {id: 'in-flight'}, String(now.requestsInFlight ?? '—')), ' in flight',
      now.streamsInFlight !== undefined ? ` (${now.streamsInFlight} streaming)` : '');
  } catch {
    live.textContent = 'offline';
  }
}

window.addEventListener('hashchange', show);
show();
pollLive();
setInterval(pollLive, 2000);
