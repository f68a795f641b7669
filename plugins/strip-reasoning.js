// Request rewriting, in the style of the "strip-reasoning" gists: strict OpenAI-compatible providers reject the
// fields Claude Code's requests carry (CCR pitfall P-10), so delete them and cap max_tokens.
//
// "transformers": [{ "path": "/abs/plugins/strip-reasoning.js", "options": { "max_tokens": 8192 } }]
// provider: "transformer": { "use": ["strip-reasoning"] }
class StripReasoning {
  name = 'strip-reasoning';

  constructor(options) {
    this.maxTokens = (options && options.max_tokens) || 0;
  }

  async transformRequestIn(request, provider) {
    delete request.reasoning;
    delete request.thinking;
    for (const message of request.messages || []) {
      delete message.thinking;
      if (Array.isArray(message.content)) {
        for (const part of message.content) {
          delete part.cache_control;
          delete part.media_type;
        }
      }
    }
    if (this.maxTokens && request.max_tokens > this.maxTokens) {
      request.max_tokens = this.maxTokens;
    }
    this.logger.debug({ provider: provider.name, model: request.model }, 'stripped reasoning fields');
    return request;
  }
}

module.exports = StripReasoning;
