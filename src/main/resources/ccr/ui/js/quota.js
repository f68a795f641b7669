// Provider quotas (GET /api/providers/quota): bars per window with their reset time, and the dashboard's warnings.
import {api} from './api.js';
import {h, num, time, badge, DASH} from './format.js';

/** The quota report, or null when this ccr has no quota API (an older server) or it fails. */
export async function quotaReport() {
  try {
    return await api('providers/quota');
  } catch {
    return null;
  }
}

const STATE_KIND = {ok: 'ok', reserve: 'WARN', exhausted: 'error', unknown: 'WARN', untracked: ''};

function bar(w) {
  const used = Math.max(0, Math.min(100, 100 - (w.remainingPercent ?? 0)));
  const kind = used >= 100 ? 'bad' : used >= 80 ? 'warn' : 'ok';
  const fill = h('span', {class: 'quota-fill ' + kind});
  fill.style.width = used + '%'; // through the CSSOM: the UI's CSP (style-src 'self') drops style attributes
  return h('div', {class: 'quota-window', 'data-window': w.name},
    h('span', {class: 'quota-name'}, w.name),
    h('span', {class: 'quota-bar', title: `${num(w.used, 2)} of ${num(w.limit, 2)} used`}, fill),
    h('span', {class: 'num'}, `${num(w.remainingPercent, 1)}% left`),
    h('span', {class: 'muted'}, w.resetAt ? 'resets ' + time(w.resetAt) : ''));
}

function balance(s) {
  const b = s.balance;
  if (!b) return null;
  const currency = b.currency ? ' ' + b.currency : '';
  const left = b.remaining ?? (b.total != null && b.used != null ? b.total - b.used : null);
  return h('div', {class: 'quota-balance'}, 'Balance: ', h('strong', {}, left == null ? DASH : num(left, 2) + currency), ' left',
    b.total != null ? ` of ${num(b.total, 2)}${currency}` : '', b.usedToday != null ? ` · ${num(b.usedToday, 2)} used today` : '');
}

/** The quota block of one provider's section on the providers page; {@code onProbe} re-reads it. */
export function quotaPanel(entry, onProbe) {
  if (!entry) return null;
  const s = entry.snapshot;
  const check = entry.adapter
    ? h('button', {type: 'button', class: 'quota-probe', onclick: async (e) => {
      e.target.disabled = true;
      try {
        await api('providers/probe', {method: 'POST', body: {providerName: entry.provider}});
      } finally {
        await onProbe();
      }
    }}, 'Check now')
    : null;
  return h('div', {class: 'quota', 'data-quota-state': entry.state},
    h('div', {class: 'row'},
      h('strong', {}, 'Quota'), badge(entry.state, STATE_KIND[entry.state]),
      h('span', {class: 'muted grow'}, entry.adapter ? `${entry.adapter}` : 'no quota source for this host',
        s?.checkedAt ? ` · checked ${time(s.checkedAt)}` : ''),
      check),
    entry.reason ? h('div', {class: 'quota-reason'}, entry.reason) : null,
    s ? balance(s) : null,
    ...(s?.windows ?? []).map(bar));
}

/** The dashboard's warnings: providers below their reserve or spent. */
export function quotaWarnings(report) {
  const flagged = (report?.providers ?? []).filter((p) => p.state === 'reserve' || p.state === 'exhausted');
  if (flagged.length === 0) return null;
  return h('div', {id: 'quota-warnings'}, flagged.map((p) => h('div', {class: 'message bad', role: 'alert', 'data-provider': p.provider},
    h('strong', {}, p.provider), ': ', p.reason ?? p.state, ' ', h('a', {href: '#/providers'}, 'Providers'))));
}
