// The web-mode client's send-once rules, driven through a hand-operated socket: what is sent, when,
// and that nothing answered UNAVAILABLE is ever sent afterwards.
import { describe, expect, it } from 'vitest';
import { createWsBridge, type WsConstructor } from '../../../src-renderer/src/api/wsBridge';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(id: number, value: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, result: { ok: true, value } }) });
  }
}

function setup(callTimeoutMs = 10_000) {
  FakeSocket.all = [];
  const bridge = createWsBridge('ws://127.0.0.1:1/rpc?token=t', { WebSocket: FakeSocket as unknown as WsConstructor, reconnectMs: 1, callTimeoutMs });
  bridge.ready.catch(() => undefined);
  const latest = () => FakeSocket.all.at(-1)!;
  const nextSocket = async () => {
    const n = FakeSocket.all.length;
    while (FakeSocket.all.length === n) await new Promise((r) => setTimeout(r, 1));
    return latest();
  };
  const frames = () => FakeSocket.all.flatMap((s) => s.sent.map((f) => JSON.parse(f) as { id: number; method: string; idempotencyKey?: string }));
  return { bridge, latest, nextSocket, frames };
}

describe('wsBridge: a call is sent once', () => {
  it('sends calls made while the first connection opens, once it is open', async () => {
    const { bridge, latest } = setup();
    const answer = bridge.invoke('station.state', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent.map((f) => JSON.parse(f).method)).toEqual(['station.state']);
    latest().reply(1, 'state');
    expect(await answer).toEqual({ ok: true, value: 'state' });
    bridge.close();
  });

  it('a call made while disconnected is UNAVAILABLE at once and never sent later', async () => {
    const { bridge, latest, nextSocket, frames } = setup();
    latest().open();
    latest().drop();
    expect(await bridge.invoke('printing.reprint', { id: 'j1' }, { idempotencyKey: 'k1' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    (await nextSocket()).open();
    expect(frames()).toEqual([]);
    bridge.close();
  });

  it('a call waiting for a connection attempt that fails is UNAVAILABLE and never sent later', async () => {
    const { bridge, latest, nextSocket, frames } = setup();
    latest().open();
    latest().drop();
    const attempt = await nextSocket();
    const answer = bridge.invoke('printing.reprint', { id: 'j1' }, { idempotencyKey: 'k1' });
    attempt.drop();
    expect(await answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: 'Not connected to the Dockside service' } });
    (await nextSocket()).open();
    expect(frames()).toEqual([]);
    bridge.close();
  });

  it('a call that timed out while waiting to be sent is never sent later', async () => {
    const { bridge, latest, frames } = setup(5);
    const answer = await bridge.invoke('printing.reprint', { id: 'j1' }, { idempotencyKey: 'k1' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    latest().open();
    expect(frames()).toEqual([]);
    bridge.close();
  });

  it('a keyed write in flight when the connection drops is resent once with its key; its answer settles it', async () => {
    const { bridge, latest, nextSocket, frames } = setup();
    latest().open();
    const answer = bridge.invoke('printing.reprint', { id: 'j1' }, { idempotencyKey: 'k1' });
    latest().drop();
    const again = await nextSocket();
    again.drop(); // a failed attempt in between changes nothing
    const third = await nextSocket();
    third.open();
    expect(frames().map((f) => [f.id, f.method, f.idempotencyKey])).toEqual([
      [1, 'printing.reprint', 'k1'],
      [1, 'printing.reprint', 'k1'],
    ]);
    third.reply(1, 'job');
    expect(await answer).toEqual({ ok: true, value: 'job' });
    bridge.close();
  });

  it('a keyed write that times out while disconnected is UNAVAILABLE and not resent', async () => {
    const { bridge, latest, nextSocket, frames } = setup(30);
    latest().open();
    const answer = bridge.invoke('printing.reprint', { id: 'j1' }, { idempotencyKey: 'k1' });
    latest().drop();
    const attempt = await nextSocket();
    expect(await answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    attempt.open();
    expect(frames()).toHaveLength(1);
    bridge.close();
  });
});
