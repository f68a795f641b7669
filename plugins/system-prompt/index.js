// A plugin with a dependency in node_modules next to it (installed with npm in this folder), in the style of the
// plugins that pull in uuid, lodash and the like: adds a system message rendered with the prompt-kit package and a
// request id, to every request.
//
// "transformers": [{ "path": "/abs/plugins/system-prompt/index.js", "options": { "text": "Answer in {{language}}.", "language": "English" } }]
const { render, version } = require('prompt-kit');
const crypto = require('crypto');

module.exports = class SystemPrompt {
  constructor(options = {}) {
    this.name = 'system-prompt';
    this.text = options.text || 'You are a helpful assistant.';
    this.values = options;
  }

  transformRequestIn(request) {
    const content = render(this.text, this.values);
    request.messages = [{ role: 'system', content }, ...(request.messages || [])];
    request.metadata = Object.assign({}, request.metadata, { request_id: crypto.randomUUID(), prompt_kit: version });
    return request;
  }
};
