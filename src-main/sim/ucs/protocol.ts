/**
 * UCS wire conventions shared by the route modules: expected errors are HTTP 200
 * `{success:false, data:{field: message}}`, OAuth errors are 400/401 `{error, error_description, error_uri}`.
 */
import { intParam, json, type Ctx, type Json, type Reply } from '../http';

const ERROR_URI = 'https://www.oauth.com/oauth2-servers/access-tokens';
export const API = '/api/v1.0';

export const ok = (data: unknown, extra: Json = {}): Reply => json(200, { success: true, data, ...extra });
export const fail = (data: Json): Reply => json(200, { success: false, data });
export const oauthErr = (status: number, error: string, description: string): Reply => json(status, { error, error_description: description, error_uri: ERROR_URI });
export const listLimit = (ctx: Ctx): { limit: number; offset: number } => ({ limit: intParam(ctx.query.get('limit'), 10_000, 0, 10_000), offset: intParam(ctx.query.get('offset'), 0, 0) });
