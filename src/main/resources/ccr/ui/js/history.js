// History: the usage records, filtered and paged, newest first; a row opens the record's route and attempts.
import {api, query} from './api.js';
import {h, num, ms, time, badge, DASH} from './format.js';

const FILTERS = [
  ['startDate', 'From', 'date'], ['endDate', 'To', 'date'], ['provider', 'Provider', 'text'], ['model', 'Model', 'text'],
  ['scenario', 'Scenario', 'text'], ['clientType', 'Client', 'text'], ['sessionId', 'Session', 'text'],
];
const PAGE_SIZE = 25;

function show(v) {
  return v === undefined || v === null || v === '' ? DASH : v;
}

/** What the record says about its route and attempts; fields the server does not send yet show "—". */
function detail(r) {
  const attempts = Array.isArray(r.attempts) ? r.attempts : null;
  return h('td', {colspan: 9},
    h('div', {class: 'detail-columns'},
      h('div', {},
        h('h2', {}, 'Route'),
        h('p', {}, `asked for ${show(r.originalModel)} → ${show(r.provider)},${show(r.model)}`),
        h('p', {}, `scenario ${show(r.scenarioType)} · rule ${show(r.rule)} · client ${show(r.clientType)}`
          + ` · project ${show(r.project)} · session ${show(r.sessionId)}`),
        h('p', {}, `HTTP ${show(r.httpStatus)} · ${show(r.errorType ?? (r.status === 'success' ? 'no error' : null))}`),
        h('h2', {}, 'Attempts'),
        attempts === null ? h('p', {class: 'muted'}, DASH)
          : attempts.length === 0 ? h('p', {class: 'muted'}, 'the first candidate answered')
          : h('ol', {}, attempts.map((a) => h('li', {}, `${show(a.provider)},${show(a.model)}: ${show(a.outcome)}`
            + (a.status ? ` ${a.status}` : '') + (a.errorType ? ` ${a.errorType}` : '')
            + (a.message || a.reason ? ` — ${a.message ?? a.reason}` : '')))),
        r.errorMessage ? h('p', {class: 'error'}, r.errorMessage) : null),
      h('div', {}, h('h2', {}, 'Record'), h('pre', {class: 'detail'}, JSON.stringify(r, null, 2)))));
}

function table(records) {
  const body = h('tbody', {});
  for (const r of records) {
    const row = h('tr', {class: 'clickable record', 'data-id': r.id},
      h('td', {}, time(r.timestamp)),
      h('td', {}, show(r.provider)),
      h('td', {}, show(r.model)),
      h('td', {class: 'hide-narrow'}, show(r.scenarioType)),
      h('td', {class: 'num'}, num(r.inputTokens)),
      h('td', {class: 'num'}, num(r.outputTokens)),
      h('td', {class: 'num hide-narrow'}, ms(r.ttft)),
      h('td', {class: 'num'}, ms(r.durationMs)),
      h('td', {}, badge(r.status)));
    let open = null;
    row.addEventListener('click', () => {
      if (open) { open.remove(); open = null; return; }
      open = h('tr', {class: 'detail-row'}, detail(r));
      row.after(open);
    });
    body.append(row);
  }
  return h('div', {class: 'table-wrap'}, h('table', {id: 'records'},
    h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Provider'), h('th', {}, 'Model'),
      h('th', {class: 'hide-narrow'}, 'Scenario'), h('th', {class: 'num'}, 'In'), h('th', {class: 'num'}, 'Out'),
      h('th', {class: 'num hide-narrow'}, 'TTFT'), h('th', {class: 'num'}, 'Time'), h('th', {}, 'Status'))),
    body));
}

export async function render(view, params) {
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.pageSize) || PAGE_SIZE));
  const form = h('form', {class: 'panel row', id: 'filters'},
    FILTERS.map(([name, label, type]) => h('label', {}, label, h('input', {name, type, value: params[name] ?? '', size: 12}))),
    h('label', {}, 'Status', h('select', {name: 'status'},
      ['', 'success', 'error'].map((s) => h('option', {value: s, selected: (params.status ?? '') === s}, s || 'any')))),
    h('button', {type: 'submit', class: 'primary', id: 'apply'}, 'Apply'),
    h('button', {type: 'button', onclick: () => { window.location.hash = '#/history'; }}, 'Clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ''));
    window.location.hash = '#/history' + query(chosen);
  });
  view.append(h('h1', {}, 'History'), form);

  const filters = Object.fromEntries(FILTERS.map(([n]) => [n, params[n]]).concat([['status', params.status]]));
  const result = await api('usage' + query({...filters, page, pageSize}));
  const total = result.total ?? result.records.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const go = (p) => {
    window.location.hash = '#/history' + query({...filters, page: p, pageSize: pageSize === PAGE_SIZE ? '' : pageSize});
  };
  view.append(
    h('p', {class: 'muted', id: 'total'}, `${num(total)} record${total === 1 ? '' : 's'}`),
    result.records.length ? table(result.records) : h('p', {class: 'muted'}, 'No records match.'),
    h('div', {class: 'pager'},
      h('button', {id: 'prev', disabled: page <= 1, onclick: () => go(page - 1)}, '‹ Newer'),
      h('span', {id: 'page'}, `page ${page} of ${pages}`),
      h('button', {id: 'next', disabled: page >= pages, onclick: () => go(page + 1)}, 'Older ›')));
}
