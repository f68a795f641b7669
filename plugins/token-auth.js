// An auth plugin in the style of the OAuth/token plugins in the wild: fetch() a short-lived token from a token
// endpoint with client credentials, keep it until it expires, and send it as the Authorization header.
//
// "options": { "tokenUrl": "https://auth.example.com/token", "clientId": "...", "clientSecret": "$CLIENT_SECRET" }
module.exports = class TokenAuth {
  constructor(options) {
    this.name = 'token-auth';
    this.options = options || {};
    this.token = null;
    this.expiresAt = 0;
  }

  async getToken() {
    if (this.token && Date.now() < this.expiresAt - 30_000) return this.token;
    const response = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
    }
    const json = await response.json();
    this.token = json.access_token;
    this.expiresAt = Date.now() + (json.expires_in || 3600) * 1000;
    this.logger.info('fetched a new token, valid for %d s', json.expires_in || 3600);
    return this.token;
  }

  async transformRequestIn(request) {
    const token = await this.getToken();
    return {
      body: request,
      config: {
        headers: { Authorization: `Bearer ${token}`, 'X-Client-Id': this.options.clientId },
      },
    };
  }
};
