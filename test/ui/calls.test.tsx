// Call handling in the real renderer against the real core, whose store the real connectors filled
// from an in-process simulator (seed 42). The simulator rings calls to the station's own screen-pop
// endpoint (as a UCS team's call_url would); the agent then works the call with keyboard and mouse:
// the incoming card on any screen, the caller card with orders and their bench state, the chooser
// of a shared number, the unknown caller, notes, dispositions, after-call work and a follow-up.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRemotes } from '../../src-main/host/demo';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { testCallers } from '../helpers/callers';
import { setNativeValue } from './keyboard';
import { click, renderApp } from './renderApp';
import { startCore, USERS, type UiCore } from './realCore';

const CALLERS = testCallers(42);
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  // Core runs in this DOM test's process: let happy-dom's fetch reach the loopback ports.
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterAll(async () => {
  await sim.close();
});

/** A station whose store the connectors filled from the simulator, its endpoint told to the simulator. */
async function station(): Promise<UiCore> {
  const ui = await startCore({
    signedInPin: USERS.agent.pin,
    coreOptions: {
      remotes: demoRemotes(sim),
      // Tests move the clock and time out after-call work themselves; the sim rings the endpoint.
      calls: { screenPopPort: 0, pollIntervalMs: false, timers: false },
    },
  });
  await ui.core.sync.syncNow();
  await ui.core.calls.pointSimulator(sim.urls.control);
  return ui;
}

async function ring(number: string): Promise<string> {
  const res = await fetch(`${sim.urls.control}/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number }) });
  const call = (await res.json()) as { uniqueid: string; screenPop: { status: number | null } };
  expect(call.screenPop.status, 'the endpoint took the screen pop').toBe(200);
  return call.uniqueid;
}

/** What the PBX sends for the rest of a call: `event=answer|hangup` to the same URL. */
async function pbx(ui: UiCore, uniqueid: string, event: 'answer' | 'hangup') {
  const url = ui.core.calls.service.screenPopInfo().callUrl!.replace('{number}', '').replace('{uniqueid}', uniqueid).replace('{queue}', '');
  const res = await fetch(`${url}&event=${event}`);
  expect(res.status).toBe(200);
}

/** The outbox operations for a remote so far (sent or not), oldest first. */
const ops = (ui: UiCore, remote: string) =>
  (ui.core.db.prepare(`SELECT payload FROM jobs WHERE queue = ? ORDER BY seq`).all(`push:${remote}`) as { payload: string }[]).map((r) => {
    const op = JSON.parse(r.payload) as { operation: string; entity: string; payload: unknown };
    return { operation: `${op.entity}.${op.operation}`, payload: JSON.stringify(op.payload) };
  });

describe('incoming calls', () => {
  it('a known caller pops on any screen with their latest order; the card shows orders, bench state and numbers, from the local store', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    await click(screen.getByTestId('nav-sync')); // the agent is elsewhere
    await screen.findByTestId('screen-sync');

    await act(async () => void (await ring(CALLERS.known.number)));
    const card = await screen.findByTestId('incoming-call');
    expect(card.dataset.kind).toBe('known');
    expect(within(card).getByTestId('incoming-who').textContent).toContain(CALLERS.known.name);
    expect(within(card).getByTestId('incoming-number').textContent).toBe(CALLERS.known.number);
    await waitFor(() => expect(within(card).getByTestId('incoming-facts').textContent).toMatch(/Last order ODR-/));
    // The keyboard is on "Open caller card" at once: Enter (a click on the focused button) opens it.
    expect(document.activeElement).toBe(within(card).getByTestId('incoming-open'));
    await click(document.activeElement as HTMLElement);

    await screen.findByTestId('screen-calls');
    expect(screen.queryByTestId('incoming-call')).toBeNull();
    const caller = await screen.findByTestId('caller-card');
    expect(within(caller).getByTestId('caller-name').textContent).toContain(CALLERS.known.name);
    const numbers = within(caller)
      .getAllByTestId('caller-order')
      .map((r) => r.dataset.number);
    for (const n of CALLERS.known.orders) expect(numbers).toContain(n);
    // Each Afosto order says how far the bench got; the dial link is the E.164 number.
    expect(within(caller).getAllByTestId('order-pack-state').length).toBeGreaterThanOrEqual(CALLERS.known.orders.length);
    expect(within(caller).getAllByRole('link', { name: /^Call / }).map((a) => a.getAttribute('href'))).toContain(`tel:${CALLERS.known.e164}`);
    expect(within(caller).getAllByRole('button', { name: /^Copy the number / }).length).toBeGreaterThan(0);
  });

  it("a parcel's printed label is reprinted from the caller card (the same bytes, linked to the first job)", async () => {
    const ui = await station();
    // The bench printed the carrier label of the caller's parcel on this station's label printer.
    const parcel = ui.core.db
      .prepare(`SELECT p.id, p.order_id, p.seq FROM parcels p JOIN orders o ON o.id = p.order_id WHERE o.number = ? ORDER BY p.seq LIMIT 1`)
      .get(CALLERS.known.orders[0]) as { id: string; order_id: string; seq: number };
    const first = ui.core.printing.print.printFile({
      id: 'label-1',
      kind: 'carrier_label',
      format: 'zpl',
      bytes: new TextEncoder().encode('^XA^FDlabel^FS^XZ'),
      title: 'Carrier label',
      orderId: parcel.order_id,
      parcelId: parcel.id,
    });
    await renderApp({ core: ui });
    await act(async () => void (await ring(CALLERS.known.number)));
    await click(await screen.findByTestId('incoming-open'));
    const row = await waitFor(() => document.querySelector<HTMLElement>(`[data-testid="caller-order"][data-number="${CALLERS.known.orders[0]}"]`)!);
    const reprint = within(row).getByTestId('caller-reprint');
    expect(reprint.textContent).toBe(`Reprint label ${parcel.seq}`);
    await click(reprint);
    await waitFor(async () => expect((await ui.api.call('printing.jobs', {})).filter((j) => j.reprintOf === first.id)).toHaveLength(1));
  });

  it('a shared switchboard offers a chooser; a digit key picks the person and the card follows', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    await act(async () => void (await ring(CALLERS.shared.number)));
    const card = await screen.findByTestId('incoming-call');
    expect(card.dataset.kind).toBe('choose');
    expect(within(card).getByTestId('incoming-who').textContent).toBe('Shared number');
    const items = await within(card).findAllByTestId('chooser-item');
    expect(items.length).toBeGreaterThanOrEqual(CALLERS.shared.names.length);
    for (const name of CALLERS.shared.names) expect(items.some((i) => i.textContent!.includes(name))).toBe(true);

    const second = items[1]!.textContent!;
    await act(async () => void fireEvent.keyDown(card, { key: '2' }));
    await screen.findByTestId('screen-calls');
    const caller = await screen.findByTestId('caller-card');
    const chosen = CALLERS.shared.names.find((n) => second.includes(n))!;
    expect(within(caller).getByTestId('caller-name').textContent).toContain(chosen);
    expect(within(caller).getByTestId('caller-company').textContent).toContain(CALLERS.shared.company);
    // The others at the company are listed with them.
    const people = within(caller).getByTestId('caller-company-people').textContent!;
    for (const other of CALLERS.shared.names.filter((n) => n !== chosen)) expect(people).toContain(other);
    expect(screen.getByTestId('call-view').dataset.kind).toBe('known');
  });

  it('an unknown caller makes no contact on its own; "Create contact" makes one with the number, queued for UCS', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    const contacts = () => (ui.core.db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
    const before = contacts();
    await act(async () => void (await ring(CALLERS.unknown.number)));
    const card = await screen.findByTestId('incoming-call');
    expect(card.dataset.kind).toBe('unknown');
    expect(within(card).getByTestId('incoming-who').textContent).toBe('Unknown caller');
    expect(contacts()).toBe(before);
    const ucsBefore = ops(ui, 'ucs').length;

    await click(within(card).getByTestId('incoming-create'));
    const form = await screen.findByTestId('create-contact');
    expect(document.activeElement).toBe(within(form).getByTestId('create-contact-first'));
    act(() => setNativeValue(within(form).getByTestId('create-contact-first') as HTMLInputElement, 'Nová'));
    act(() => setNativeValue(within(form).getByTestId('create-contact-last') as HTMLInputElement, 'Volající'));
    await click(within(form).getByTestId('create-contact-submit'));

    const caller = await screen.findByTestId('caller-card');
    expect(within(caller).getByTestId('caller-name').textContent).toBe('Nová Volající');
    expect(contacts()).toBe(before + 1);
    const created = ops(ui, 'ucs').slice(ucsBefore);
    expect(created.some((o) => o.operation.includes('create'))).toBe(true);
  });

  it('the same uniqueid rung twice opens one card, not two', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    const uniqueid = await act(async () => ring(CALLERS.known.number));
    await screen.findByTestId('incoming-call');
    // The PBX repeats the ring (a retry): still one call, one card.
    const url = ui.core.calls.service.screenPopInfo().callUrl!.replace('{number}', encodeURIComponent(CALLERS.known.number)).replace('{uniqueid}', uniqueid).replace('{queue}', '74');
    await act(async () => void (await fetch(url)));
    expect(screen.getAllByTestId('incoming-call')).toHaveLength(1);
    expect((await ui.api.call('calls.current', {})).calls.filter((c) => c.uniqueid === uniqueid)).toHaveLength(1);
  });
});

describe('working a call', () => {
  it('the global hotkeys (calls.focus from core): the hang-up note box and the caller card take the keyboard, from any screen', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    await click(screen.getByTestId('nav-sync')); // the agent is elsewhere
    await screen.findByTestId('screen-sync');
    await act(async () => void (await ring(CALLERS.known.number)));
    const callId = (await screen.findByTestId('incoming-call')).dataset.callId!;

    // Hang-up note: the Calls screen, the keyboard in this call's note box.
    act(() => ui.core.calls.service.requestFocus('note'));
    await screen.findByTestId('screen-calls');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('call-note-input')));
    expect(screen.getByTestId('call-view').dataset.callId).toBe(callId);

    // Away again; open card for this call: the caller card itself holds the focus once drawn.
    await click(screen.getByTestId('nav-sync'));
    await screen.findByTestId('screen-sync');
    act(() => ui.core.calls.service.requestFocus('card', callId));
    await screen.findByTestId('screen-calls');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('caller-card')));
    expect(within(screen.getByTestId('caller-card')).getByTestId('caller-name').textContent).toContain(CALLERS.known.name);
  });

  it('notes (Ctrl+Enter), a disposition by digit key and a follow-up are stored with their outbox ops while the call runs', async () => {
    const ui = await station();
    const app = await renderApp({ core: ui });
    const uniqueid = await act(async () => ring(CALLERS.known.number));
    await click(await screen.findByTestId('incoming-open'));
    await pbx(ui, uniqueid, 'answer');
    await screen.findByTestId('caller-card');

    // A note typed during the call; Ctrl+Enter saves it.
    const input = screen.getByTestId('call-note-input') as HTMLTextAreaElement;
    input.focus();
    act(() => setNativeValue(input, 'Parcel arrived damaged, wants a replacement'));
    app.key('Enter', { ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId('call-note').map((n) => n.textContent)).toEqual([expect.stringContaining('Parcel arrived damaged')]));
    expect(input.value).toBe('');
    // A typo fixed a minute later: Edit, change, Ctrl+Enter.
    ui.clock.advance(60_000);
    await click(screen.getByTestId('call-note-edit'));
    const edit = screen.getByTestId('call-note-edit-input') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(edit);
    act(() => setNativeValue(edit, 'Parcel arrived damaged, wants a replacement by Friday'));
    await act(async () => void fireEvent.keyDown(edit, { key: 'Enter', ctrlKey: true }));
    await waitFor(() => expect(screen.getByTestId('call-note').textContent).toContain('by Friday'));
    expect(screen.getByTestId('call-note').textContent).toContain('edited');

    // Disposition from the keyboard: focus the group, arrow to the next, or a digit picks.
    const picker = screen.getByTestId('disposition-picker');
    const buttons = within(picker).getAllByRole('button');
    buttons[0]!.focus();
    await act(async () => void fireEvent.keyDown(picker, { key: 'ArrowRight' }));
    expect(document.activeElement).toBe(buttons[1]);
    await act(async () => void fireEvent.keyDown(picker, { key: '4' }));
    const config = await ui.api.call('calls.config', {});
    const code = config.dispositions[3]!.code;
    await waitFor(() => expect(screen.getByTestId(`disposition-${code}`).getAttribute('aria-pressed')).toBe('true'));
    expect((await ui.api.call('calls.current', {})).calls[0]!.disposition).toBe(code);

    // The call was about an order: linked, it goes to the metadata and the follow-up takes it.
    const order = CALLERS.known.orders[0]!;
    await act(async () => void fireEvent.change(screen.getByTestId('call-order'), { target: { value: order } }));
    await waitFor(() => expect((screen.getByTestId('call-order') as HTMLSelectElement).value).toBe(order));

    // A follow-up in Opentaps, assigned and scheduled.
    const form = screen.getByTestId('follow-up');
    await waitFor(() => expect((within(form).getByDisplayValue(order) as HTMLSelectElement).tagName).toBe('SELECT'));
    await click(within(form).getByTestId('follow-up-opentaps'));
    act(() => setNativeValue(within(form).getByTestId('follow-up-title') as HTMLInputElement, 'Send a replacement'));
    const assignee = await waitFor(() => within(form).getByTestId('follow-up-assignee') as HTMLInputElement | HTMLSelectElement);
    if (assignee instanceof HTMLInputElement) act(() => setNativeValue(assignee, 'agent-1'));
    await click(within(form).getByTestId('follow-up-submit'));
    await waitFor(() => expect(screen.getAllByTestId('caller-task').some((t) => t.textContent!.includes('Send a replacement'))).toBe(true));
    const task = screen.getAllByTestId('caller-task').find((t) => t.textContent!.includes('Send a replacement'))!;
    expect(task.textContent).toContain('not sent yet');

    // Everything went into the outbox: the metadata merges for UCS and the task for Opentaps.
    const ucs = JSON.stringify(ops(ui, 'ucs'));
    expect(ucs).toContain('Parcel arrived damaged');
    expect(ucs).toContain(code);
    const sent = ops(ui, 'opentaps').find((o) => o.payload.includes('Send a replacement'));
    expect(sent?.payload).toContain(order);
    expect(ops(ui, 'ucs').some((o) => o.payload.includes(`"order_ref":"${order}"`))).toBe(true);
  });

  it('after-call work counts down from main, survives a reload, and times out with the default disposition', async () => {
    const ui = await station();
    const first = await renderApp({ core: ui });
    const uniqueid = await act(async () => ring(CALLERS.known.number));
    await click(await screen.findByTestId('incoming-open'));
    await pbx(ui, uniqueid, 'answer');
    await act(async () => void (await pbx(ui, uniqueid, 'hangup')));

    const acw = await screen.findByTestId('acw');
    expect(acw.dataset.status).toBe('running');
    const { acwSeconds, defaultDisposition } = await ui.api.call('calls.config', {});
    expect(screen.getByTestId('acw-remaining').textContent).toBe(`${Math.floor(acwSeconds / 60)}:${String(acwSeconds % 60).padStart(2, '0')}`);

    // A reload: a new page on the same core. Main's clock moved on 20 s; the page reads where it stands.
    first.unmount();
    ui.clock.advance(20_000);
    await renderApp({ core: ui });
    const left = acwSeconds - 20;
    await waitFor(() => expect(screen.getByTestId('acw-remaining').textContent).toBe(`${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`));

    // Time runs out in main: the default disposition is set and the page says so.
    ui.clock.advance(left * 1000 + 10);
    act(() => void ui.core.calls.service.applyDueAfterCallWork());
    await waitFor(() => expect(screen.getByTestId('acw').dataset.status).toBe('timed_out'));
    const call = (await ui.api.call('calls.recent', { limit: 5 })).find((c) => c.uniqueid === uniqueid)!;
    expect(call.disposition).toBe(defaultDisposition);
  });

  it('"Finish" ends after-call work with the chosen disposition', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    const uniqueid = await act(async () => ring(CALLERS.known.number));
    await click(await screen.findByTestId('incoming-open'));
    await pbx(ui, uniqueid, 'answer');
    await act(async () => void (await pbx(ui, uniqueid, 'hangup')));
    await screen.findByTestId('acw-finish');
    await click(screen.getByTestId('disposition-resolved'));
    await waitFor(() => expect(screen.getByTestId('disposition-resolved').getAttribute('aria-pressed')).toBe('true'));
    await click(screen.getByTestId('acw-finish'));
    await waitFor(() => expect(screen.getByTestId('acw').dataset.status).toBe('finished'));
    const call = (await ui.api.call('calls.recent', { limit: 5 })).find((c) => c.uniqueid === uniqueid)!;
    expect(call).toMatchObject({ disposition: 'resolved', afterCallWork: { status: 'finished' } });
  });

  it('an answered call whose hang-up the PBX never reports: the agent starts after-call work', async () => {
    const ui = await station();
    await renderApp({ core: ui });
    const uniqueid = await act(async () => ring(CALLERS.known.number));
    await click(await screen.findByTestId('incoming-open'));
    expect(screen.queryByTestId('acw-start')).toBeNull(); // not while it rings
    await act(async () => void (await pbx(ui, uniqueid, 'answer')));
    await click(await screen.findByTestId('acw-start'));
    await waitFor(() => expect(screen.getByTestId('acw').dataset.status).toBe('running'));
    expect((await ui.api.call('calls.current', {})).afterCallWork).toMatchObject({ status: 'running' });
  });

  it('a packer gets no incoming card', async () => {
    const ui = await station();
    await ui.api.call('station.signIn', { pin: USERS.packer.pin });
    await renderApp({ core: ui });
    await screen.findByTestId('screen-pick');
    await act(async () => void (await ring(CALLERS.known.number)));
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(ui.core.calls.service.recent(1)[0]).toMatchObject({ status: 'ringing', identification: 'known' }); // it did ring
    expect(screen.queryByTestId('incoming-call')).toBeNull();
  });
});

describe('calls translations', () => {
  it('every key the calls screens build at run time exists in English and Czech', async () => {
    const { en, cs } = await import('../../src-renderer/src/i18n');
    const { PACK_STATES } = await import('../../src-preload/contract');
    const { DEFAULT_DISPOSITIONS } = await import('../../src-renderer/src/features/calls/dispositions');
    const keys = [
      ...PACK_STATES.map((s) => `pack.${s}`),
      ...['ringing', 'answered', 'acw', 'ended', 'missed'].map((s) => `status.${s}`),
      ...['call', 'note', 'activity'].map((k) => `card.kind.${k}`),
      ...['low', 'normal', 'high', 'urgent'].map((p) => `followUp.priorities.${p}`),
      ...Object.keys(DEFAULT_DISPOSITIONS).map((c) => `dispositions.${c}`),
    ];
    const get = (tree: unknown, key: string) => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], tree);
    for (const k of keys) {
      expect(typeof get(en.calls, k), `en calls.${k}`).toBe('string');
      expect(typeof get(cs.calls, k), `cs calls.${k}`).toBe('string');
    }
    // The renderer's copy of the shipped defaults is core's list (translated only while untouched).
    const { DEFAULT_CALLS_CONFIG } = await import('../../src-main/core/calls/domain');
    expect(Object.fromEntries(DEFAULT_CALLS_CONFIG.dispositions.map((d) => [d.code, d.label]))).toEqual(DEFAULT_DISPOSITIONS);
    expect(Object.entries(DEFAULT_DISPOSITIONS).map(([code, label]) => get(en.calls, `dispositions.${code}`) === label)).not.toContain(false);
  });
});

describe('a ring nobody hears of again', () => {
  it('stops showing ten minutes after the page saw it (UCS call_url reports only the ring); a dismissed one never shows', async () => {
    const { createCallsStore, ringing, isActive, RING_SHOW_MS } = await import('../../src-renderer/src/features/calls/callsStore');
    const store = createCallsStore();
    const base = { direction: 'inbound', e164: null, queue: null, queueName: null, transferredTo: null, source: 'endpoint', identification: 'unknown', contactId: null, companyId: null, callerName: null, companyName: null, disposition: null, orderRef: null, userId: null, answeredAt: null, endedAt: null, afterCallWork: null } as const;
    const call = (id: string, startedAt: number) => ({ ...base, id, uniqueid: id, number: '+420777000111', status: 'ringing' as const, startedAt });
    store.getState().upsert(call('a', 1), 1_000);
    store.getState().upsert(call('b', 2), 5_000);
    // A later event about "a" (or a re-read) does not restart its time.
    store.getState().setCalls([call('a', 1), call('b', 2)], 9_000);
    expect(ringing(store.getState(), 1_000 + RING_SHOW_MS - 1).map((c) => c.id)).toEqual(['b', 'a']);
    expect(ringing(store.getState(), 1_000 + RING_SHOW_MS).map((c) => c.id)).toEqual(['b']);
    expect(isActive(store.getState().calls![1]!, store.getState().ringSeenAt.a, 1_000 + RING_SHOW_MS)).toBe(false);
    store.getState().markHandled('b');
    expect(ringing(store.getState(), 6_000).map((c) => c.id)).toEqual(['a']);
  });
});
