// Providers: each provider and model with its circuit state and the latency and errors of its recent requests.
import {api, query} from './api.js';
import {h, num, ms, time, badge, DASH} from './format.js';
import {quotaReport, quotaPanel} from './quota.js';

const RECENT = 500;

/** Per "provider,model": request count, errors, average duration and time to first token, last error. */
function recentFigures(records) {
  const figures = new Map();
  for (const r of records) {
    const key = `${r.provider},${r.model}`;
    const f = figures.get(key) ?? {count: 0, errors: 0, duration: 0, ttft: 0, ttftCount: 0, lastError: null};
    f.count++;
    f.duration += r.durationMs ?? 0;
    if (r.ttft != null) { f.ttft += r.ttft; f.ttftCount++; }
    if (r.status === 'error') { f.errors++; f.lastError ??= r.errorMessage ?? 'error'; }
    figures.set(key, f);
  }
  return figures;
}

export async function render(view) {
  view.append(h('h1', {}, 'Providers'));
  const [config, health, usage, quota] = await Promise.all([
    api('config'), api('health'), api('usage' + query({pageSize: RECENT})), quotaReport()]);
  const quotas = new Map((quota?.providers ?? []).map((q) => [q.provider, q]));
  const states = new Map((health.states ?? []).map((s) => [`${s.provider},${s.model}`, s]));
  const figures = recentFigures(usage.records ?? []);
  const providers = config.Providers ?? [];
  if (providers.length === 0) {
    view.append(h('p', {}, 'No provider is configured yet. ', h('a', {href: '#/config/provider/new'}, 'Add one')));
    return;
  }
  for (const p of providers) {
    const rows = (p.models ?? []).map((m) => {
      const key = `${p.name},${m}`;
      const s = states.get(key);
      const f = figures.get(key);
      return h('tr', {'data-model': key},
        h('td', {}, m),
        h('td', {}, badge(s?.status ?? 'closed')),
        h('td', {class: 'num'}, num(f?.count ?? 0)),
        h('td', {class: 'num'}, f ? ms(f.duration / f.count) : DASH),
        h('td', {class: 'num hide-narrow'}, f && f.ttftCount ? ms(f.ttft / f.ttftCount) : DASH),
        h('td', {class: 'num'}, num(f?.errors ?? 0)),
        h('td', {class: 'hide-narrow'}, s?.lastError ?? f?.lastError ?? DASH,
          s?.lastFailureTime ? h('div', {class: 'muted'}, time(s.lastFailureTime)) : null));
    });
    const quotaSlot = h('div', {}, quotaPanel(quotas.get(p.name), reread));
    async function reread() {
      const fresh = await quotaReport();
      quotaSlot.replaceChildren(quotaPanel((fresh?.providers ?? []).find((q) => q.provider === p.name), reread) ?? '');
    }
    view.append(h('section', {class: 'panel provider', 'data-provider': p.name},
      h('h2', {}, p.name, ' ', h('span', {class: 'muted'}, p.api_base_url ?? '')),
      quotaSlot,
      h('div', {class: 'table-wrap'}, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Model'), h('th', {}, 'Circuit'), h('th', {class: 'num'}, 'Recent'),
          h('th', {class: 'num'}, 'Avg time'), h('th', {class: 'num hide-narrow'}, 'Avg TTFT'), h('th', {class: 'num'}, 'Errors'),
          h('th', {class: 'hide-narrow'}, 'Last error'))),
        h('tbody', {}, rows)))));
  }
  view.append(h('p', {class: 'muted'}, `Latency and errors over the last ${RECENT} requests; circuit states from /api/health; quotas from /api/providers/quota.`));
}
