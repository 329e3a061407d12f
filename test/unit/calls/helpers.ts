// A real core for call tests: the screen-pop endpoint on a free port, no queue poll, no pulls; an
// agent signed in through the contract (as the renderer would).
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { createApi, type Api } from '../../../src-renderer/src/api/client';
import { createTestCore, type TestCore, type TestCoreOptions } from '../../helpers/core';
import type { Db } from '../../../src-main/core/db/database';
import { writePhones } from '../../../src-main/core/connectors/ucs/phoneIndex';

export interface AgentCore extends TestCore {
  api: Api;
  /** GET the endpoint with these params (the token is added unless given). */
  pop(params: Record<string, string>, token?: string | null): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function agentCore(opts: TestCoreOptions = {}): Promise<AgentCore> {
  const t = await createTestCore({ calls: { screenPopPort: 0, pollIntervalMs: false }, sync: { autoStart: false }, logLevel: 'error', ...opts });
  const api = createApi(inProcessBridge(t.core.dispatcher, t.core.events));
  await api.call('station.setup', { stationName: 'Desk', name: 'Jana', pin: '999999' });
  await api.call('station.createUser', { name: 'Adam', role: 'agent', pin: '2222' });
  await api.call('station.signIn', { pin: '2222' });
  return {
    ...t,
    api,
    async pop(params, token) {
      const port = t.core.calls.screenPop!.port;
      const q = new URLSearchParams(params);
      const tok = token === undefined ? t.core.calls.service.screenPopToken() : token;
      if (tok !== null) q.set('token', tok);
      const res = await fetch(`http://127.0.0.1:${port}/call?${q.toString()}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

/** A person with numbers (and optionally a company), as the UCS pull would store them. */
export function addContact(db: Db, c: { id: string; name: string; phones: string[]; companyId?: string; externalId?: string; role?: string }): void {
  const now = Date.now();
  db.tx(() => {
    db.prepare(`INSERT INTO contacts (id, company_id, display_name, first_name, last_name, external_id, company_role, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      c.id,
      c.companyId ?? null,
      c.name,
      c.name.split(' ')[0]!,
      c.name.split(' ').slice(1).join(' '),
      c.externalId ?? null,
      c.role ?? null,
      now,
    );
    writePhones(db, { contactId: c.id }, c.phones.map((raw) => ({ raw, kind: 'mobil' })), 'CZ');
  });
}

export function addCompany(db: Db, c: { id: string; name: string; phones: string[] }): void {
  db.tx(() => {
    db.prepare(`INSERT INTO companies (id, name, updated_at) VALUES (?, ?, ?)`).run(c.id, c.name, Date.now());
    writePhones(db, { companyId: c.id }, c.phones.map((raw) => ({ raw, kind: 'switchboard' })), 'CZ');
  });
}
