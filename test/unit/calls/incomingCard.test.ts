// calls.incoming carries the caller card (the renderer paints the facts with the name, no second
// round trip): the same card calls.card reads, and a repeated ring sends nothing.
import { afterEach, expect, test } from 'vitest';
import type { IncomingCall } from '../../../src-preload/contract';
import { addContact, agentCore, type AgentCore } from './helpers';

let t: AgentCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

test('a ring at the endpoint reaches the renderer with its caller card; calls.card reads the same', async () => {
  t = await agentCore();
  addContact(t.core.db, { id: 'jana', name: 'Jana Nováková', phones: ['+420 601 123 456'] });
  const heard: IncomingCall[] = [];
  const off = t.api.on('calls.incoming', (c) => heard.push(c));
  expect((await t.pop({ number: '601123456', uniqueid: 'u1' })).status).toBe(200);
  expect((await t.pop({ number: '601123456', uniqueid: 'u1' })).status).toBe(200); // the PBX retries
  await new Promise((r) => setImmediate(r));
  off();
  expect(heard).toHaveLength(1);
  const { card, ...call } = heard[0]!;
  expect(call).toMatchObject({ uniqueid: 'u1', identification: 'known', callerName: 'Jana Nováková' });
  expect(card?.contact?.displayName).toBe('Jana Nováková');
  expect(card).toEqual(await t.api.call('calls.card', { callId: call.id }));
});
