// Logs: the log files of ~/.claude-code-router/logs, newest first; lines newest first, filtered by level and request.
import {api, query} from './api.js';
import {h, time, badge, DASH} from './format.js';

const LEVELS = ['', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];
const PINO_LEVELS = {10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL'};
const SHOWN = 500;

/** A log line as {time, level, reqId, logger, msg}: ccr's and CCR's JSON lines, or plain text as its message. */
function parse(line) {
  try {
    const e = JSON.parse(line);
    if (e && typeof e === 'object') {
      const level = typeof e.level === 'number' ? PINO_LEVELS[e.level] ?? String(e.level) : e.level;
      return {time: e.time, level, reqId: e.reqId ?? e.requestId, logger: e.logger, msg: e.msg ?? e.message ?? line};
    }
  } catch { /* not JSON: an older plain-text file */ }
  return {msg: line};
}

export async function render(view, params) {
  const files = await api('logs/files');
  view.append(h('h1', {}, 'Logs'));
  if (files.length === 0) {
    view.append(h('p', {class: 'muted'}, 'No log files yet (LOG is false, or ccr has not logged anything).'));
    return;
  }
  const file = files.some((f) => f.path === params.file) ? params.file : files[0].path;
  const form = h('form', {class: 'panel row', id: 'log-filters'},
    h('label', {class: 'grow'}, 'File', h('select', {name: 'file'},
      files.map((f) => h('option', {value: f.path, selected: f.path === file}, `${f.name} (${Math.ceil(f.size / 1024)} KiB)`)))),
    h('label', {}, 'Level', h('select', {name: 'level'},
      LEVELS.map((l) => h('option', {value: l, selected: (params.level ?? '') === l}, l || 'any')))),
    h('label', {}, 'Request', h('input', {name: 'reqId', value: params.reqId ?? '', size: 10})),
    h('label', {}, 'Text', h('input', {name: 'text', value: params.text ?? '', size: 14})),
    h('button', {type: 'submit', class: 'primary'}, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.location.hash = '#/logs' + query(Object.fromEntries(new FormData(form)));
  });
  form.querySelector('select[name=file]').addEventListener('change', () => form.requestSubmit());
  form.querySelector('select[name=level]').addEventListener('change', () => form.requestSubmit());
  view.append(form);

  const lines = (await api('logs' + query({file}))).map(parse).reverse();
  const wanted = lines.filter((l) => (!params.level || l.level === params.level)
    && (!params.reqId || String(l.reqId ?? '') === params.reqId)
    && (!params.text || String(l.msg).toLowerCase().includes(params.text.toLowerCase())));
  view.append(h('p', {class: 'muted'}, `${wanted.length} of ${lines.length} lines` + (wanted.length > SHOWN ? `, newest ${SHOWN} shown` : '')),
    h('div', {class: 'table-wrap'}, h('table', {class: 'logs', id: 'log-lines'},
      h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Level'), h('th', {class: 'hide-narrow'}, 'Request'), h('th', {}, 'Message'))),
      h('tbody', {}, wanted.slice(0, SHOWN).map((l) => h('tr', {},
        h('td', {}, l.time ? time(l.time) : DASH),
        h('td', {}, l.level ? badge(l.level) : DASH),
        h('td', {class: 'hide-narrow'}, l.reqId ? h('a', {href: '#/logs' + query({file, reqId: l.reqId})}, l.reqId) : DASH),
        h('td', {class: 'msg', title: l.logger ?? ''}, l.msg)))))));
}
