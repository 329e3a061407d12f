/** OAuth2 client_credentials at `/login/oauth2/token` (JSON or form body) → bearer token. */
import { bodyForm, bodyJson, json, PARSE_ERROR, type Json } from '../http';
import type { UcsContext } from './context';
import { oauthErr } from './protocol';

export const UCS_CREDENTIALS = { client_id: 'dockside-api', client_secret: 'ucs-demo-secret-7d41', grant_type: 'client_credentials' as const };

export function registerAuth(sim: UcsContext): void {
  const { r, state, tokens } = sim;
  r.post(
    '/login/oauth2/token',
    (ctx) => {
      let b = bodyJson(ctx) as Json;
      if (b === PARSE_ERROR || b === undefined) {
        const f = bodyForm(ctx);
        b = f.has('grant_type') || f.has('client_id') ? Object.fromEntries(f) : b;
      }
      if (b === PARSE_ERROR || !b || typeof b !== 'object') return oauthErr(400, 'invalid_request', 'The request body must be a JSON object');
      if (b.grant_type !== 'client_credentials') return oauthErr(400, 'invalid_request', 'We support only "client_credentials" grant type');
      if (b.client_id !== UCS_CREDENTIALS.client_id || b.client_secret !== UCS_CREDENTIALS.client_secret) return oauthErr(401, 'invalid_client', 'Invalid username or password');
      // the seed's example answers "3610" with the server's expires = 3600: the server adds 10 s
      const ttl = state.config.tokenTtlSeconds + 10;
      const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
      let tok = '';
      const rnd = new Uint8Array(52);
      crypto.getRandomValues(rnd);
      for (const x of rnd) tok += alnum[x % alnum.length];
      tokens.issue(String(b.client_id), ttl, tok);
      return json(200, { access_token: tok, token_type: 'Bearer', expires_in: String(ttl) });
    },
    { public: true },
  );
}
