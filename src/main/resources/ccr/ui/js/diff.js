// A line diff (longest common subsequence) of two texts, for confirming a config change.
import {h} from './format.js';

/** [{kind: 'same'|'add'|'del', line}] turning {@code before} into {@code after}. */
export function lineDiff(before, after) {
  const a = before.split('\n'), b = after.split('\n');
  const n = a.length, m = b.length;
  const lcs = Array.from({length: n + 1}, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({kind: 'same', line: a[i]}); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({kind: 'del', line: a[i++]});
    else out.push({kind: 'add', line: b[j++]});
  }
  while (i < n) out.push({kind: 'del', line: a[i++]});
  while (j < m) out.push({kind: 'add', line: b[j++]});
  return out;
}

/** The changed lines with two lines of context, as a <pre>. */
export function diffView(before, after) {
  const lines = lineDiff(before, after);
  const near = (i) => lines.slice(Math.max(0, i - 2), i + 3).some((l) => l.kind !== 'same');
  const pre = h('pre', {class: 'diff', id: 'diff'});
  let skipped = false;
  lines.forEach((l, i) => {
    if (l.kind === 'same' && !near(i)) {
      if (!skipped) pre.append(h('span', {class: 'same'}, '  …'));
      skipped = true;
      return;
    }
    skipped = false;
    pre.append(h('span', {class: l.kind}, (l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : '  ') + l.line));
  });
  return pre;
}
