// Small helpers to build DOM and to show numbers; a missing figure is shown as "—".

export const DASH = '—';

/** An element: h('td', {class: 'num'}, 'text', child, ...). Attributes starting with "on" are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function missing(v) {
  return v === undefined || v === null || (typeof v === 'number' && !Number.isFinite(v));
}

export function num(v, digits = 0) {
  if (missing(v)) return DASH;
  return Number(v).toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: 0});
}

/** 1234567 → "1.2M". */
export function compact(v) {
  if (missing(v)) return DASH;
  return Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 1}).format(v);
}

export function pct(part, whole) {
  if (missing(part) || missing(whole) || whole === 0) return DASH;
  return (100 * part / whole).toFixed(1) + '%';
}

export function ms(v) {
  if (missing(v)) return DASH;
  return v >= 10000 ? (v / 1000).toFixed(1) + ' s' : Math.round(v) + ' ms';
}

export function time(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString('sv-SE').replace('T', ' ');
}

/** yyyy-MM-dd in UTC, the date form the usage API takes. */
export function day(date) {
  return date.toISOString().slice(0, 10);
}

export function badge(text, kind = text) {
  return h('span', {class: 'badge ' + (kind ?? '')}, text ?? DASH);
}

export function message(text, ok) {
  return h('div', {class: 'message ' + (ok ? 'ok' : 'bad'), role: ok ? 'status' : 'alert'}, text);
}
