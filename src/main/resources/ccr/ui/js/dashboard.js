// Dashboard: today's and a chosen range's figures, charts per day and per provider/model.
import {api, query} from './api.js';
import {h, num, compact, pct, ms, day, DASH} from './format.js';
import {columns, bars} from './chart.js';
import {quotaReport, quotaWarnings} from './quota.js';

const RANGES = {'7': 'Last 7 days', '30': 'Last 30 days', '90': 'Last 90 days'};
const DAY_MS = 86400000;

function cards(s, title) {
  const input = s.totalInputTokens, output = s.totalOutputTokens;
  const cacheRead = s.totalCacheReadInputTokens, cacheWrite = s.totalCacheCreationInputTokens ?? 0;
  const card = (label, value, sub, id) => h('div', {class: 'card', 'data-figure': id},
    h('div', {class: 'label'}, label), h('div', {class: 'value'}, value), sub ? h('div', {class: 'sub'}, sub) : null);
  return h('section', {},
    h('h2', {}, title),
    h('div', {class: 'cards'},
      card('Requests', num(s.totalRequests), `${num(s.errorCount)} error${s.errorCount === 1 ? '' : 's'}`, 'requests'),
      card('Tokens', compact((input ?? 0) + (output ?? 0)), `${compact(input)} in · ${compact(output)} out`, 'tokens'),
      card('Cache hit rate', rate(s.cacheHitRate) ?? pct(cacheRead, (input ?? 0) + (cacheRead ?? 0) + cacheWrite),
        `${compact(cacheRead)} read`, 'cache'),
      card('Avg time to first token', ms(s.avgTtft), null, 'ttft'),
      card('Tokens / s', num(s.avgTokensPerSecond), null, 'speed'),
      card('Success rate', s.totalRequests ? rate(s.successRate) ?? pct(s.successCount, s.totalRequests) : DASH,
        `${num(s.successCount)} ok`, 'success')));
}

/** A 0–1 rate the server computed, as a percentage; null when the server did not send one (an older ccr). */
function rate(value) {
  return typeof value === 'number' ? (100 * value).toFixed(1) + '%' : null;
}

function breakdown(groups) {
  return Object.entries(groups ?? {})
    .map(([label, g]) => ({label, value: g.count ?? 0,
      note: `${num(g.count)} · ${compact((g.inputTokens ?? 0) + (g.outputTokens ?? 0))} tok`}))
    .sort((a, b) => b.value - a.value).slice(0, 12);
}

/** Every day from {@code start} to {@code end} (yyyy-MM-dd, UTC), zero where nothing was recorded. */
function daily(byDay, start, end) {
  const points = [];
  for (let t = Date.parse(start); t <= Date.parse(end) && points.length < 366; t += DAY_MS) {
    const d = day(new Date(t));
    points.push({label: d, value: byDay?.[d]?.count ?? 0});
  }
  return points;
}

/** The chosen range: the last N days, or the dates given as ?from=&to=. */
function chosen(params) {
  const today = day(new Date());
  if (params.from) {
    const to = params.to || today;
    return {key: 'custom', start: params.from, end: to, title: `${params.from} to ${to}`};
  }
  const days = RANGES[params.days] ? params.days : '7';
  return {key: days, start: day(new Date(Date.now() - (Number(days) - 1) * DAY_MS)), end: today, title: RANGES[days]};
}

export async function render(view, params) {
  const range = chosen(params);
  const from = h('input', {type: 'date', name: 'from', value: range.start});
  const to = h('input', {type: 'date', name: 'to', value: range.end});
  const dates = h('form', {class: 'row', id: 'dates', hidden: range.key !== 'custom'},
    h('label', {}, 'From', from), h('label', {}, 'To', to), h('button', {type: 'submit'}, 'Show'));
  dates.addEventListener('submit', (e) => {
    e.preventDefault();
    window.location.hash = '#/dashboard' + query({from: from.value, to: to.value});
  });
  const picker = h('select', {id: 'range', onchange: (e) => {
    if (e.target.value === 'custom') dates.hidden = false;
    else window.location.hash = '#/dashboard?days=' + e.target.value;
  }}, Object.entries({...RANGES, custom: 'Dates…'}).map(([v, label]) => h('option', {value: v, selected: v === range.key}, label)));
  const body = h('div', {});
  view.append(h('div', {class: 'row'}, h('h1', {class: 'grow'}, 'Dashboard'), dates, h('label', {}, 'Range', picker)), body);

  async function refresh() {
    const today = day(new Date());
    const [now, period, quota] = await Promise.all([
      api('usage/summary' + query({startDate: today, endDate: today})),
      api('usage/summary' + query({startDate: range.start, endDate: range.end})), quotaReport()]);
    body.replaceChildren(
      quotaWarnings(quota) ?? '',
      h('div', {id: 'today'}, cards(now, 'Today')),
      h('div', {id: 'period'}, cards(period, range.title)),
      h('div', {class: 'charts'},
        h('div', {class: 'panel chart'}, h('h2', {}, 'Requests per day'), columns(daily(period.byDay, range.start, range.end), 'requests')),
        h('div', {class: 'panel'}, h('h2', {}, 'By provider'), bars(breakdown(period.byProvider))),
        period.byProviderModel
          ? h('div', {class: 'panel'}, h('h2', {}, 'By provider and model'), bars(breakdown(period.byProviderModel)))
          : h('div', {class: 'panel'}, h('h2', {}, 'By model'), bars(breakdown(period.byModel))),
        h('div', {class: 'panel'}, h('h2', {}, 'By scenario'), bars(breakdown(period.byScenario)))));
  }
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 10000);
  return () => clearInterval(timer);
}
