// Two small charts without a library: vertical SVG bars over days, and horizontal bars for a breakdown.
import {h, compact} from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Bars for [{label, value}] (days, oldest first), labelled below every few bars. */
export function columns(points, unit) {
  const width = 600, height = 200, bottom = 24, top = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img'});
  if (points.length === 0) {
    chart.append(svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no data'));
    return chart;
  }
  const slot = width / points.length;
  const every = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    const barHeight = (height - bottom - top) * p.value / max;
    const bar = svg('rect', {x: i * slot + slot * 0.15, y: height - bottom - barHeight, width: slot * 0.7,
      height: Math.max(barHeight, p.value > 0 ? 1 : 0), rx: 2});
    bar.append(svg('title', {}, `${p.label}: ${p.value} ${unit}`));
    chart.append(bar);
    if (i % every === 0) {
      chart.append(svg('text', {x: i * slot + slot / 2, y: height - 5, 'text-anchor': 'middle'}, p.label.slice(5)));
    }
  });
  chart.append(svg('text', {x: 2, y: 18}, `max ${compact(max)} ${unit}`));
  return chart;
}

/** Horizontal bars for [{label, value, note}], largest first. */
export function bars(rows) {
  if (rows.length === 0) return h('p', {class: 'muted'}, 'no data');
  const max = Math.max(1, ...rows.map((r) => r.value));
  return h('div', {class: 'hbars'}, rows.map((r) => {
    const fill = h('div', {class: 'fill'});
    fill.style.width = (100 * r.value / max).toFixed(1) + '%';
    return h('div', {class: 'hbar', title: r.label},
      h('span', {class: 'name'}, r.label), h('div', {class: 'track'}, fill), h('span', {class: 'num'}, r.note));
  }));
}
