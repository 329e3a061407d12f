// A global hotkey asks for the caller card or the hang-up note: the desktop adapter calls
// requestFocus, and the renderer (here the contract client, as the renderer holds it) hears
// calls.focus, validated by the event bus.
import { afterEach, expect, test } from 'vitest';
import type { CallFocus } from '../../../src-preload/contract';
import { agentCore, type AgentCore } from './helpers';

let t: AgentCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

test('requestFocus reaches the renderer as calls.focus, with the call when one is named', async () => {
  t = await agentCore();
  const heard: CallFocus[] = [];
  const off = t.api.on('calls.focus', (f) => heard.push(f));
  t.core.calls.service.requestFocus('note');
  t.core.calls.service.requestFocus('card', 'call-1');
  await new Promise((r) => setImmediate(r));
  off();
  expect(heard).toEqual([{ target: 'note' }, { target: 'card', callId: 'call-1' }]);
});
