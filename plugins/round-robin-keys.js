// State between calls, in the style of the key-rotation plugins in the wild: spread requests over several API keys,
// one after the other, and number them. Plugins are singletons (per JS context in ccr), so the counter lives on.
//
// "options": { "keys": ["$KEY_A", "$KEY_B", "$KEY_C"] }
module.exports = class RoundRobinKeys {
  constructor(options) {
    this.name = 'round-robin-keys';
    this.keys = (options && options.keys) || [];
    this.calls = 0;
  }

  transformRequestIn(request) {
    if (this.keys.length === 0) return request;
    const key = this.keys[this.calls % this.keys.length];
    this.calls += 1;
    return { body: request, config: { headers: { authorization: `Bearer ${key}`, 'x-request-number': String(this.calls) } } };
  }
};
