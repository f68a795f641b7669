// Config: providers, router slots, rules and transformers in forms, the raw JSON5, validation by the server, a diff to
// confirm, and the backups. Secrets arrive masked; revealing them is a deliberate click.
import {api} from './api.js';
import {h, time, message} from './format.js';
import {diffView} from './diff.js';

const SLOTS = ['default', 'background', 'think', 'longContext', 'webSearch', 'image'];
const TABS = {providers: 'Providers', router: 'Router', rules: 'Rules', transformers: 'Transformers', raw: 'Raw JSON5'};

const pretty = (doc) => JSON.stringify(doc, null, 2);

export async function render(view, params, rest) {
  let revealed = params.reveal === 'true';
  let saved = await api('config' + (revealed ? '?reveal=true' : ''));
  let draft = structuredClone(saved);
  let tab = rest[0] === 'provider' ? 'providers' : (TABS[rest[0]] ? rest[0] : 'providers');
  let raw = null; // the raw tab's text while it is being edited (may be JSON5, which only the server parses)

  const tabs = h('div', {class: 'tabs', role: 'tablist'});
  const pane = h('div', {class: 'panel', id: 'pane'});
  const outcome = h('div', {id: 'outcome'});
  const review = h('div', {id: 'review'});
  const backups = h('div', {class: 'panel', id: 'backups'});
  const reveal = h('button', {id: 'reveal', onclick: () => {
    if (confirm('Show the API keys and other secrets of the config in this page?')) {
      window.location.hash = '#/config/' + tab + '?reveal=true';
    }
  }}, 'Reveal secrets');
  view.append(
    h('div', {class: 'row'}, h('h1', {class: 'grow'}, 'Config'), revealed ? h('span', {class: 'badge WARN'}, 'secrets shown') : reveal),
    tabs, pane,
    h('div', {class: 'actions'}, h('button', {class: 'primary', id: 'review-button', onclick: check}, 'Review changes'),
      h('button', {id: 'discard', onclick: () => { draft = structuredClone(saved); raw = null; review.replaceChildren(); showTab(tab); }}, 'Discard')),
    outcome, review, backups);

  function showTab(name) {
    if (tab === 'raw' && name !== 'raw' && raw !== null) {
      try { draft = JSON.parse(raw); raw = null; } catch { /* JSON5 or a typo: keep the text, the server judges it */ }
    }
    tab = name;
    tabs.replaceChildren(...Object.entries(TABS).map(([k, label]) =>
      h('button', {class: k === tab ? 'active' : '', 'data-tab': k, role: 'tab', onclick: () => showTab(k)}, label)));
    pane.replaceChildren(...({providers: providersTab, router: routerTab, rules: rulesTab, transformers: transformersTab, raw: rawTab})[tab]());
  }

  function field(label, value, onchange, attrs = {}) {
    return h('label', {}, label, h('input', {value: value ?? '', ...attrs, oninput: (e) => onchange(e.target.value)}));
  }

  function jsonArea(label, value, onchange, id) {
    const error = h('p', {class: 'error', hidden: true});
    return [h('label', {}, label, h('textarea', {class: 'code', id, rows: 12, value: value === undefined ? '' : pretty(value),
      oninput: (e) => {
        const text = e.target.value.trim();
        try { onchange(text === '' ? undefined : JSON.parse(text)); error.hidden = true; }
        catch (x) { error.textContent = 'Not valid JSON yet: ' + x.message; error.hidden = false; }
      }})), error];
  }

  function providersTab() {
    draft.Providers ??= [];
    if (rest[0] === 'provider' && rest[1] === 'new') {
      rest.length = 0;
      draft.Providers.push({name: '', api_base_url: '', api_key: '', models: []});
    }
    const list = draft.Providers.map((p, i) => h('fieldset', {class: 'provider-form panel', 'data-index': i},
      field('Name', p.name, (v) => { p.name = v; }, {name: 'name', required: true}),
      field('API base URL', p.api_base_url, (v) => { p.api_base_url = v; }, {name: 'api_base_url', type: 'url',
        placeholder: 'https://api.example.com/v1/chat/completions'}),
      field('API key', p.api_key, (v) => { p.api_key = v; }, {name: 'api_key', type: revealed ? 'text' : 'password',
        autocomplete: 'off', placeholder: '$MY_KEY or the key'}),
      field('Models (comma separated)', (p.models ?? []).join(', '),
        (v) => { p.models = v.split(',').map((m) => m.trim()).filter(Boolean); }, {name: 'models'}),
      field('Transformer (JSON)', p.transformer ? JSON.stringify(p.transformer) : '', (v) => {
        try { p.transformer = v.trim() ? JSON.parse(v) : undefined; } catch { /* judged at review */ }
      }, {name: 'transformer', placeholder: '{"use": ["openrouter"]}'}),
      h('div', {}, h('button', {type: 'button', class: 'danger', onclick: () => { draft.Providers.splice(i, 1); showTab('providers'); }}, 'Remove'))));
    const add = h('button', {id: 'add-provider', onclick: () => {
      draft.Providers.push({name: '', api_base_url: '', api_key: '', models: []});
      showTab('providers');
    }}, 'Add provider');
    if (list.length) setTimeout(() => list.at(-1).querySelector('input')?.focus());
    return list.length ? [...list, add] : [h('p', {class: 'muted'}, 'No provider yet.'), add];
  }

  function routerTab() {
    draft.Router ??= {};
    const targets = (draft.Providers ?? []).flatMap((p) => (p.models ?? []).map((m) => `${p.name},${m}`));
    const options = h('datalist', {id: 'targets'}, targets.map((t) => h('option', {value: t})));
    return [h('div', {class: 'provider-form'},
      SLOTS.map((slot) => field(slot, draft.Router[slot], (v) => {
        if (v) draft.Router[slot] = v; else delete draft.Router[slot];
      }, {name: slot, list: 'targets', placeholder: 'provider,model'})),
      field('longContextThreshold', draft.Router.longContextThreshold, (v) => {
        if (v) draft.Router.longContextThreshold = Number(v); else delete draft.Router.longContextThreshold;
      }, {name: 'longContextThreshold', type: 'number', min: 0})), options];
  }

  function rulesTab() {
    draft.Router ??= {};
    return [h('p', {class: 'muted'}, 'Router.rules: declarative routing rules, evaluated before the scenarios (docs/routing.md).'),
      ...jsonArea('Rules', draft.Router.rules, (v) => { if (v === undefined) delete draft.Router.rules; else draft.Router.rules = v; }, 'rules')];
  }

  function transformersTab() {
    draft.transformers ??= [];
    const rows = draft.transformers.map((t, i) => h('fieldset', {class: 'provider-form panel', 'data-index': i},
      field('Plugin file', t.path, (v) => { t.path = v; }, {name: 'path', placeholder: '/home/me/.claude-code-router/plugins/x.js'}),
      field('Options (JSON)', t.options === undefined ? '' : JSON.stringify(t.options), (v) => {
        try { if (v.trim()) t.options = JSON.parse(v); else delete t.options; } catch { /* judged at review */ }
      }, {name: 'options', placeholder: '{"key": "value"}'}),
      h('div', {}, h('button', {type: 'button', class: 'danger', onclick: () => { draft.transformers.splice(i, 1); showTab('transformers'); }}, 'Remove'))));
    return [h('p', {class: 'muted'}, 'JS transformer plugins; a provider uses one by its name in "transformer": {"use": [...]}.'),
      ...rows, h('button', {id: 'add-transformer', onclick: () => { draft.transformers.push({path: ''}); showTab('transformers'); }}, 'Add plugin')];
  }

  function rawTab() {
    return [h('p', {class: 'muted'}, 'The whole config. JSON5 is accepted (comments are not kept).'),
      h('textarea', {class: 'code', id: 'raw', rows: 24, value: raw ?? pretty(draft), oninput: (e) => { raw = e.target.value; }})];
  }

  /** The draft as it would be saved: lists the forms opened but nobody filled are left out again. */
  function cleaned() {
    const copy = structuredClone(draft);
    for (const key of ['transformers', 'Providers']) {
      if (Array.isArray(copy[key]) && copy[key].length === 0 && saved[key] === undefined) delete copy[key];
    }
    return copy;
  }

  function body() {
    return tab === 'raw' && raw !== null ? raw : pretty(cleaned());
  }

  async function check() {
    outcome.replaceChildren();
    review.replaceChildren();
    const text = body();
    let checked;
    try {
      checked = await api('config/validate', {method: 'POST', body: text});
    } catch (e) {
      outcome.append(message(e.message));
      return;
    }
    // The server answers the checked document masked; compare it with the masked saved file.
    const before = pretty(revealed ? await api('config') : saved), after = pretty(checked.document ?? cleaned());
    if (before === after) {
      outcome.append(message('No changes to save.', true));
      return;
    }
    review.append(h('div', {class: 'panel'}, h('h2', {}, 'Changes'), diffView(before, after),
      h('div', {class: 'actions'},
        h('button', {class: 'primary', id: 'confirm-save', onclick: () => save(text)}, 'Save'),
        h('button', {onclick: () => review.replaceChildren()}, 'Cancel'))));
  }

  /** What the saved config changes now, and what waits for a restart. */
  function applied(answer) {
    const later = answer.restartNeeded ?? [];
    return '. ccr uses it from the next request' + (later.length === 0 ? '.'
      : '; ' + later.join(', ') + ' apply at the next start (ccr restart).');
  }

  async function save(text) {
    review.replaceChildren();
    try {
      const answer = await api('config', {method: 'POST', body: text});
      outcome.append(message((answer.message ?? 'Saved') + applied(answer), true));
      saved = await api('config' + (revealed ? '?reveal=true' : ''));
      draft = structuredClone(saved);
      raw = null;
      showTab(tab);
      loadBackups();
    } catch (e) {
      outcome.append(message(e.message));
    }
  }

  async function compareBackup(name) {
    // A backup arrives masked: compare it with the masked current file, even when secrets are shown.
    const [doc, current] = await Promise.all([api('config/backups/' + encodeURIComponent(name)), api('config')]);
    review.replaceChildren(h('div', {class: 'panel'}, h('h2', {}, 'Current file → backup ' + name),
      diffView(pretty(current), pretty(doc))));
  }

  async function restoreBackup(name) {
    if (!confirm('Restore ' + name + '? The current file is backed up first.')) return;
    outcome.replaceChildren();
    try {
      const answer = await api('config/backups/' + encodeURIComponent(name) + '/restore', {method: 'POST'});
      outcome.append(message(answer.message + applied(answer), true));
      saved = await api('config' + (revealed ? '?reveal=true' : ''));
      draft = structuredClone(saved);
      showTab(tab);
      loadBackups();
    } catch (e) {
      outcome.append(message(e.message));
    }
  }

  async function loadBackups() {
    const list = await api('config/backups').catch(() => []);
    const rows = list.map((b) => h('tr', {'data-backup': b.name},
      h('td', {}, b.name), h('td', {class: 'hide-narrow'}, time(b.lastModified)),
      h('td', {}, h('button', {onclick: () => compareBackup(b.name)}, 'Compare'), ' ',
        h('button', {class: 'restore', onclick: () => restoreBackup(b.name)}, 'Restore'))));
    backups.replaceChildren(h('h2', {}, 'Backups'), rows.length === 0
      ? h('p', {class: 'muted'}, 'None yet: saving keeps the 3 previous files.')
      : h('div', {class: 'table-wrap'}, h('table', {}, h('tbody', {}, rows))));
  }

  showTab(tab);
  loadBackups();
}
