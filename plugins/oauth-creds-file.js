// Credentials from a file in the user's home, in the style of the gemini-cli / qwen-cli plugins: read
// ~/.qwen/oauth_creds.json (or options.file) with require('fs') and os.homedir(), send its access token, and use its
// resource_url as the endpoint when it has one.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = class OAuthCredsFile {
  constructor(options = {}) {
    this.name = 'oauth-creds-file';
    this.file = options.file || path.join(os.homedir(), '.qwen', 'oauth_creds.json');
  }

  readCredentials() {
    if (!fs.existsSync(this.file)) {
      throw new Error(`no credentials at ${this.file}; log in with the provider's CLI first`);
    }
    return JSON.parse(fs.readFileSync(this.file, 'utf8'));
  }

  async transformRequestIn(request, provider) {
    const creds = this.readCredentials();
    if (creds.expiry_date && creds.expiry_date < Date.now()) {
      this.logger.warn('the access token in %s has expired', this.file);
    }
    const config = {
      headers: {
        Authorization: `Bearer ${creds.access_token}`,
        'User-Agent': `ccr-plugin (${os.platform()}; ${process.arch})`,
      },
    };
    if (creds.resource_url) {
      config.url = new URL('/v1/chat/completions', creds.resource_url.startsWith('http') ? creds.resource_url : `https://${creds.resource_url}`);
    }
    return { body: request, config };
  }
};
