/** IAM: `POST /iam/oauth/authorize` (client credentials or refresh token) → HS256 JWT bearer; extend and revoke. */
import { createHmac, randomUUID } from 'node:crypto';
import { header, json, type Ctx, type Json } from '../http';
import { TokenBody } from './schemas';
import { err, parse } from './protocol';
import type { AfostoSim } from './sim';

export const AFOSTO_CREDENTIALS = { client_id: 'dockside-station-1', client_secret: 'afosto-demo-secret-c0ffee', grant_type: 'client_credentials' as const, sub: 'packer-anna' };

export function registerAuth(sim: AfostoSim): void {
  const { r, state, seed, tokens } = sim;
  const secret = `afosto-sim-${seed}`;
  const refreshTokens = new Map<string, string>();
  const refreshOf = new Map<string, string>(); // access token → the refresh token issued with it
  const signJwt = (sub: string, scope: string, ttl: number): string => {
    const now = Math.floor(state.now() / 1000);
    const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ iss: 'https://api.afosto.io', sub, aud: AFOSTO_CREDENTIALS.client_id, scope, tenant: 'dockside-demo', iat: now, exp: now + ttl, jti: randomUUID() })).toString('base64url');
    const s = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
    return `${h}.${p}.${s}`;
  };
  const issue = (sub: string, scope: string): Json => {
    const ttl = state.config.tokenTtlSeconds;
    const access = signJwt(sub, scope, ttl);
    tokens.issue(sub, ttl, access, scope);
    const refresh = randomUUID().replace(/-/g, '');
    refreshTokens.set(refresh, sub);
    refreshOf.set(access, refresh);
    return { token_type: 'Bearer', expires_in: ttl, access_token: access, refresh_token: refresh };
  };
  r.post(
    '/iam/oauth/authorize',
    (ctx) => {
      const p = parse(ctx, TokenBody);
      if (!p.ok) return p.reply;
      const b = p.value;
      if (b.grant_type === 'refresh_token') {
        const sub = b.refresh_token ? refreshTokens.get(b.refresh_token) : undefined;
        if (!sub || b.client_id !== AFOSTO_CREDENTIALS.client_id) return err(401, 'Invalid refresh token');
        refreshTokens.delete(b.refresh_token as string);
        return json(200, issue(sub, b.scope ?? 'lcs:handling:write spl:queue:create'));
      }
      if (b.grant_type !== 'client_credentials') return err(400, `Unsupported grant_type "${b.grant_type}"`, { invalid: ['grant_type'] });
      if (b.client_id !== AFOSTO_CREDENTIALS.client_id || b.client_secret !== AFOSTO_CREDENTIALS.client_secret) return err(401, 'Invalid client credentials');
      return json(200, issue(AFOSTO_CREDENTIALS.sub, b.scope ?? 'lcs:handling:read lcs:handling:write lcs:shipments:read lcs:shipments:write spl:queue:create spl:queue:read odr:orders:read rel:contacts:read wms:item:read cnt:files:read'));
    },
    { public: true },
  );
  // Seed: "Extend the lifetime of an access token … Returns a new access token". It says nothing of
  // revoking the old one, so the token it was called with stays valid until its own expiry.
  r.get('/iam/jwt/extend', (ctx) => {
    const t = tokens.check(bearer(ctx));
    return json(200, issue(ctx.principal as string, t.ok ? (t.info.scope ?? '') : ''));
  });
  // Seed: `tokens` = current (default: the Authorization token) | jwt (all the user's JWTs) | all (JWTs and
  // refresh tokens); "Both options will revoke all the users' refresh tokens"; 200 answers the token
  // object. We answer the revoked token itself, with expires_in 0 because it no longer works.
  r.get('/iam/jwt/revoke', (ctx) => {
    const tok = bearer(ctx) as string;
    const sub = ctx.principal as string;
    const mode = ctx.query.get('tokens') ?? 'current';
    if (mode !== 'current' && mode !== 'jwt' && mode !== 'all') return err(400, 'Bad request', { invalid: ['tokens'] });
    if (mode === 'current') tokens.revoke(tok);
    else tokens.revokeSub(sub);
    for (const [rt, s] of refreshTokens) if (s === sub) refreshTokens.delete(rt);
    const body = { token_type: 'Bearer', expires_in: 0, access_token: tok, refresh_token: refreshOf.get(tok) ?? '' };
    refreshOf.delete(tok);
    return json(200, body);
  });
}

export function bearer(ctx: Ctx): string | undefined {
  const h = header(ctx, 'authorization');
  return h ? /^Bearer\s+(\S+)$/i.exec(h)?.[1] : undefined;
}
