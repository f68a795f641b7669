// Calls ccr's API from the pages: same-origin JSON, errors as Error(message), and a sign-in prompt on 401.

let signingIn = null;

/** Asks for the API key in the login dialog, trades it for a session cookie, resolves once signed in. */
function signIn() {
  if (signingIn) return signingIn;
  const dialog = document.getElementById('login');
  const form = document.getElementById('login-form');
  const key = document.getElementById('login-key');
  const error = document.getElementById('login-error');
  signingIn = new Promise((resolve) => {
    form.onsubmit = async (event) => {
      event.preventDefault();
      const answer = await fetch('../api/ui/login', {
        method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({key: key.value}),
      });
      if (answer.ok) {
        key.value = '';
        error.hidden = true;
        dialog.close();
        signingIn = null;
        resolve();
      } else {
        error.textContent = await messageOf(answer);
        error.hidden = false;
      }
    };
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    dialog.showModal();
    key.focus();
  });
  return signingIn;
}

async function messageOf(answer) {
  try {
    const body = await answer.json();
    return body?.error?.message ?? body?.message ?? `HTTP ${answer.status}`;
  } catch {
    return `HTTP ${answer.status}`;
  }
}

/** {@code method} on {@code path} (relative to /api/), with an optional JSON or text body; returns the parsed answer. */
export async function api(path, {method = 'GET', body} = {}) {
  const init = {method, headers: {}};
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const answer = await fetch('../api/' + path, init);
  if (answer.status === 401) {
    await signIn();
    return api(path, {method, body});
  }
  if (!answer.ok) throw new Error(await messageOf(answer));
  return answer.json();
}

/** A query string from the non-empty entries of {@code params}. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const text = q.toString();
  return text ? '?' + text : '';
}
