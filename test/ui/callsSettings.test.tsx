// Settings → Calls against the real core: a supervisor edits the disposition list (rename, add,
// reorder, remove, the default), the after-call work length, the queues and the poll, and core
// reads back what was saved; the call card's disposition picker then offers the new list. The
// screen-pop URL with the station's token is shown to a supervisor and copied; an agent sees the
// settings read-only and never the URL. Bad input is refused in the user's words and never sent.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { click, renderApp } from './renderApp';
import { startCore, USERS } from './realCore';

const CALLS = { screenPopPort: 0, pollIntervalMs: false, timers: false } as const;

async function open(pin: string) {
  const ui = await startCore({ signedInPin: pin, coreOptions: { calls: CALLS } });
  const app = await renderApp({ core: ui });
  await click(screen.getByTestId('nav-settings'));
  await click(screen.getByTestId('settings-tab-calls'));
  await screen.findByTestId('calls-settings');
  return { ui, app };
}

async function change(el: HTMLElement, value: string) {
  await act(async () => void fireEvent.change(el, { target: { value } }));
}

const row = (code: string) => screen.getAllByTestId('disposition-row').find((r) => r.dataset.code === code)!;
const codes = () => screen.getAllByTestId('disposition-row').map((r) => r.dataset.code);

async function addDisposition(code: string, label: string) {
  await change(screen.getByTestId('disposition-new-code'), code);
  await change(screen.getByTestId('disposition-new-label'), label);
  await click(screen.getByTestId('disposition-add-button'));
}

describe('Settings → Calls', () => {
  it('a supervisor renames, adds, reorders and removes dispositions, picks the default, sets ACW, queues and poll; core reads it back', async () => {
    const { ui } = await open(USERS.supervisor.pin);
    const before = await ui.api.call('calls.config', {});
    expect(codes()).toEqual(before.dispositions.map((d) => d.code));
    const [first, second, third] = before.dispositions;

    // Rename the first, add a new one, move it to the top, remove the third, make the new one default.
    await change(within(row(first!.code)).getByTestId('disposition-label'), 'Sorted out');
    await addDisposition('refund', 'Refund issued');
    expect(codes().at(-1)).toBe('refund');
    for (let i = 0; i < before.dispositions.length; i++) await click(within(row('refund')).getByTestId('disposition-up'));
    expect(codes()[0]).toBe('refund');
    await click(within(row(third!.code)).getByTestId('disposition-remove'));
    await click(within(row('refund')).getByTestId('disposition-default'));
    await change(screen.getByTestId('calls-acw'), '45');
    await change(screen.getByTestId('calls-queues'), '600, 601');
    await click(screen.getByTestId('calls-poll'));
    await click(screen.getByTestId('calls-save'));

    await waitFor(() => expect(screen.getByText('Call settings saved.')).toBeTruthy());
    const after = await ui.api.call('calls.config', {});
    expect(after.dispositions[0]).toEqual({ code: 'refund', label: 'Refund issued' });
    expect(after.dispositions[1]).toEqual({ code: first!.code, label: 'Sorted out' });
    expect(after.dispositions[2]!.code).toBe(second!.code);
    expect(after.dispositions.map((d) => d.code)).not.toContain(third!.code);
    expect(after.dispositions).toHaveLength(before.dispositions.length);
    expect(after.defaultDisposition).toBe('refund');
    expect(after.acwSeconds).toBe(45);
    expect(after.queues).toEqual([600, 601]);
    expect(after.poll).toBe(!before.poll);
    // Saved and shown as saved: nothing left to save.
    expect((screen.getByTestId('calls-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('the default disposition cannot be removed until another is the default', async () => {
    const { ui } = await open(USERS.supervisor.pin);
    const { defaultDisposition } = await ui.api.call('calls.config', {});
    const remove = () => within(row(defaultDisposition)).getByTestId('disposition-remove') as HTMLButtonElement;
    expect(remove().disabled).toBe(true);
    const other = codes().find((c) => c !== defaultDisposition)!;
    await click(within(row(other)).getByTestId('disposition-default'));
    expect(remove().disabled).toBe(false);
    await click(remove());
    expect(codes()).not.toContain(defaultDisposition);
  });

  it('a supervisor sees the screen-pop URL with the station’s token and copies it', async () => {
    const { ui } = await open(USERS.supervisor.pin);
    const url = await screen.findByTestId('screen-pop-url');
    const info = ui.core.calls.service.screenPopInfo();
    expect(info.callUrl).toContain(`token=${ui.core.calls.service.screenPopToken()}`);
    expect((url as HTMLInputElement).value).toBe(info.callUrl);
    const write = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: write }, configurable: true });
    await click(screen.getByTestId('screen-pop-copy'));
    expect(write).toHaveBeenCalledWith(info.callUrl);
    await waitFor(() => expect(screen.getByText('The screen-pop URL was copied.')).toBeTruthy());
  });

  it('an agent sees the settings read-only and no screen-pop URL', async () => {
    const { app } = await open(USERS.agent.pin);
    expect(screen.getByText('Only a supervisor can change these settings.')).toBeTruthy();
    for (const input of screen.getAllByTestId('disposition-label')) expect((input.closest('fieldset') as HTMLFieldSetElement).disabled).toBe(true);
    expect((screen.getByTestId('calls-acw') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId('calls-queues') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId('calls-poll') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId('calls-save')).toBeNull();
    expect(screen.queryByTestId('disposition-add')).toBeNull();
    expect(screen.queryByTestId('disposition-remove')).toBeNull();
    expect(screen.queryByTestId('screen-pop')).toBeNull();
    expect(app.bridge.callsOf('calls.screenPop')).toEqual([]);
  });

  it('bad input is refused with a translated message and nothing is saved', async () => {
    const { ui, app } = await open(USERS.supervisor.pin);
    const before = await ui.api.call('calls.config', {});

    await addDisposition('bad code!', 'Nope');
    expect(screen.getByTestId('disposition-add-error').textContent).toBe('A code has letters, digits, _ . or - only (at most 40).');
    await addDisposition(before.dispositions[0]!.code, 'Again');
    expect(screen.getByTestId('disposition-add-error').textContent).toBe('A disposition with this code already exists.');
    await addDisposition('new_one', '  ');
    expect(screen.getByTestId('disposition-add-error').textContent).toBe('Enter a label.');

    await change(within(row(before.dispositions[1]!.code)).getByTestId('disposition-label'), '');
    await change(screen.getByTestId('calls-acw'), '2');
    await change(screen.getByTestId('calls-queues'), '600, sales');
    await click(screen.getByTestId('calls-save'));
    expect(within(row(before.dispositions[1]!.code)).getByRole('alert').textContent).toBe('Enter a label.');
    expect(screen.getByText('After-call work lasts 5 to 3600 seconds.')).toBeTruthy();
    expect(screen.getByText('Queue ids are whole numbers separated by commas.')).toBeTruthy();
    expect(app.bridge.callsOf('calls.saveConfig')).toEqual([]);
    expect(await ui.api.call('calls.config', {})).toEqual(before);
  });

  it('a changed disposition list is what the call card’s picker offers', async () => {
    const { ui } = await open(USERS.supervisor.pin);
    const before = await ui.api.call('calls.config', {});
    await addDisposition('refund', 'Refund issued');
    for (let i = 0; i < before.dispositions.length; i++) await click(within(row('refund')).getByTestId('disposition-up'));
    await change(within(row(before.dispositions[0]!.code)).getByTestId('disposition-label'), 'Sorted out');
    await click(within(row(before.dispositions[1]!.code)).getByTestId('disposition-remove'));
    await click(screen.getByTestId('calls-save'));
    await waitFor(() => expect(screen.getByText('Call settings saved.')).toBeTruthy());

    await click(screen.getByTestId('nav-calls'));
    await screen.findByTestId('screen-calls');
    act(() => {
      ui.core.calls.service.ingest({ kind: 'ring', number: '+420777000111', uniqueid: 'u-settings-1', queue: null, queueName: null, transferTo: null, source: 'manual', params: {} });
    });
    await click(await screen.findByTestId('incoming-open'));
    const picker = await screen.findByTestId('disposition-picker');
    const labels = within(picker)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(labels[0]).toContain('Refund issued');
    expect(labels[1]).toContain('Sorted out');
    expect(labels.some((l) => l!.includes(before.dispositions[1]!.label))).toBe(false);
    expect(labels).toHaveLength(before.dispositions.length);
    // Picking the new code sets it on the call in core.
    await click(within(picker).getByTestId('disposition-refund'));
    await waitFor(async () => expect((await ui.api.call('calls.current', {})).calls[0]!.disposition).toBe('refund'));
  });
});
