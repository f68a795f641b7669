// An example custom router for ccr (and CCR): set "CUSTOM_ROUTER_PATH": "~/.claude-code-router/custom-router.js" in
// config.json after copying this file there. It runs before the built-in rules; return "provider,model" to route,
// or null to let the built-in rules (explicit model, long context, background, think, ...) decide.
//
// req:     { body (the Anthropic request; changes you make are sent upstream), headers, url, method, sessionId,
//            tokenCount, log }
// config:  the config file with $VARs expanded (both config.Providers and config.providers)
// context: { event } (an EventEmitter; ccr never emits on it)

/** The text of the last user message, whether it is a string or content blocks. */
function lastUserText(messages) {
  const last = [...(messages || [])].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.filter((block) => block.type === 'text').map((block) => block.text).join('\n');
}

/** "provider,model" if that provider exists in the config and serves that model. */
function known(config, route) {
  if (!route) return null;
  const [provider, model] = route.split(',');
  const p = config.Providers.find((x) => x.name === provider);
  return p && p.models.includes(model) ? route : null;
}

module.exports = async function router(req, config) {
  const text = lastUserText(req.body.messages);
  const routes = config.Router || {};

  // 1. An explicit directive in the prompt wins: "[route: provider,model] ...". It is removed before sending.
  const directive = /^\[route:\s*([^\]]+)\]\s*/.exec(text);
  if (directive && known(config, directive[1].trim())) {
    const last = [...req.body.messages].reverse().find((m) => m.role === 'user');
    if (typeof last.content === 'string') last.content = last.content.slice(directive[0].length);
    else last.content = last.content.map((b) => (b.type === 'text' ? { ...b, text: b.text.replace(directive[0], '') } : b));
    req.log.info(`routing by directive to ${directive[1].trim()}`);
    return directive[1].trim();
  }

  // 2. Requests that ask for deep thought go to the think model even without Claude Code's thinking switch.
  if (/\b(think hard|ultrathink)\b/i.test(text) && routes.think) {
    return routes.think;
  }

  // 3. Very large contexts go to the long-context model earlier than the built-in threshold.
  if (req.tokenCount > (routes.customLongContextThreshold || 100000) && routes.longContext) {
    return routes.longContext;
  }

  // 4. Everything else: the built-in rules.
  return null;
};
