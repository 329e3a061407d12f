// Settings → Printers against the contract-checked FakeBridge: status chips, the Add/Edit form
// with field errors from this form and from main, roles with the label preview, test prints with
// their toast and sound, the live job history with reprint, read-only for non-supervisors, and
// the app-wide reprint-last shortcut.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, zebraStatus } from './fakeBridge';
import { click, renderApp } from './renderApp';

const cards = () => screen.getAllByTestId('printer-card');
const card = (id: string) => {
  const el = cards().find((c) => c.dataset.printerId === id);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};
const chip = (id: string) => within(card(id)).getByTestId('printer-status');
const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent ?? '');
const rows = () => screen.queryAllByTestId('job-row');

/** A bench with the spool, a ready Zebra, a paused one, one out of paper and one switched off. */
function bench(): FakeBridge {
  const b = new FakeBridge({ signedInPin: '9999' });
  b.addPrinter('z1', 'Zebra bench 1', 'tcp://10.0.0.21:9100');
  b.addPrinter('z2', 'Zebra bench 2', 'tcp://10.0.0.22:9100', { dpi: 300, labelSize: '100x150mm' });
  b.addPrinter('z3', 'Zebra dock', 'tcp://10.0.0.23:9100');
  b.addPrinter('z4', 'Zebra old', 'tcp://10.0.0.24:9100');
  b.printerStatus.set('z2', zebraStatus({ paused: true }));
  b.printerStatus.set('z3', zebraStatus({ paperOut: true, headOpen: true }));
  b.printerStatus.set('z4', zebraStatus({ reachable: false, reason: 'connect ETIMEDOUT 10.0.0.24:9100' }));
  return b;
}

async function openPrinters(bridge: FakeBridge) {
  const app = await renderApp({ bridge });
  await click(screen.getByTestId('nav-settings'));
  await click(screen.getByTestId('settings-tab-printers'));
  await waitFor(() => expect(screen.getAllByTestId('printer-card').length).toBe(bridge.printers.length));
  return app;
}

async function change(el: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.change(el, { target: { value } });
  });
}

const successBeeps = (app: Awaited<ReturnType<typeof renderApp>>) => app.audio.tones().filter((t) => t.frequency > 1000).length;
const errorBuzzes = (app: Awaited<ReturnType<typeof renderApp>>) => app.audio.tones().filter((t) => t.type === 'sawtooth').length;

describe('printer list and status', () => {
  it('shows each printer’s kind, address and settings, and checks every printer on open', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    expect(cards().map((c) => c.dataset.printerId)).toEqual(['spool', 'z1', 'z2', 'z3', 'z4']); // by name, as main sorts
    expect(card('z2').textContent).toContain('Network');
    expect(within(card('z2')).getByTestId('printer-address').textContent).toBe('10.0.0.22:9100');
    expect(card('z2').textContent).toContain('300\u00a0dpi · 100\u00a0×\u00a0150\u00a0mm · ZPL'); // sizes never break across lines
    expect(card('spool').textContent).toContain('Folder');
    expect(card('spool').textContent).toContain('203\u00a0dpi · 4\u00a0×\u00a06\u00a0in · ZPL, PDF');

    await waitFor(() => expect(chip('z4').dataset.state).toBe('unreachable'));
    expect((bridge.callsOf('printing.printerStatus') as { id: string }[]).map((c) => c.id).sort()).toEqual(['spool', 'z1', 'z2', 'z3', 'z4']);
    expect(chip('z1').dataset.state).toBe('ready');
    expect(chip('z1').textContent).toBe('Ready');
    expect(chip('z2').textContent).toBe('Paused');
    // Worst first: paper out wins over head open; the reasons line lists both, translated.
    expect(chip('z3').textContent).toBe('Paper out');
    expect(within(card('z3')).getByTestId('printer-reasons').textContent).toBe('paper out, head open');
    expect(chip('z4').textContent).toBe('Unreachable');
    expect(within(card('z4')).getByTestId('printer-reasons').textContent).toBe('cannot reach the printer');
    expect(within(card('z4')).getByTestId('printer-reasons').title).toBe('connect ETIMEDOUT 10.0.0.24:9100'); // the driver's words, for a technician
    expect(within(card('z1')).queryByTestId('printer-reasons')).toBeNull();
  });

  it('Check asks the printer again and shows the new state', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('ready'));
    bridge.printerStatus.set('z1', zebraStatus({ headOpen: true }));
    const before = bridge.callsOf('printing.printerStatus').length;
    await click(within(card('z1')).getByTestId('printer-check'));
    await waitFor(() => expect(chip('z1').dataset.state).toBe('headOpen'));
    expect(chip('z1').textContent).toBe('Head open');
    expect(bridge.callsOf('printing.printerStatus').slice(before)).toEqual([{ id: 'z1' }]);

    bridge.printerStatus.set('z2', zebraStatus({}));
    await click(screen.getByTestId('printers-check-all'));
    await waitFor(() => expect(chip('z2').dataset.state).toBe('ready'));
  });
});

describe('adding and editing printers (supervisor)', () => {
  it('adds a network printer: checks required fields, shows main’s VALIDATION under the host, then saves', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    await click(screen.getByTestId('printer-add'));
    const form = screen.getByTestId('printer-form');
    expect(document.activeElement).toBe(screen.getByTestId('printer-form-type'));
    expect((screen.getByTestId('printer-form-port') as HTMLInputElement).value).toBe('9100');
    expect((screen.getByTestId('printer-form-format-zpl') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('printer-form-format-pdf') as HTMLInputElement).checked).toBe(false);

    await click(screen.getByTestId('printer-form-submit'));
    expect(within(form).getByText('Please enter a name.')).toBeTruthy();
    expect(within(form).getByText('Enter the printer’s host name or IP address.')).toBeTruthy();
    expect(screen.getByTestId('printer-form-name').getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsOf('printing.savePrinter')).toEqual([]);

    await change(screen.getByTestId('printer-form-name'), 'Zebra packing 3');
    await change(screen.getByTestId('printer-form-host'), 'zebra 3'); // a space: only main's schema knows
    await change(screen.getByTestId('printer-form-port'), '99999');
    await click(screen.getByTestId('printer-form-submit'));
    expect(within(form).getByText('A port from 1 to 65535.')).toBeTruthy();
    expect(bridge.callsOf('printing.savePrinter')).toEqual([]);

    await change(screen.getByTestId('printer-form-port'), '9101');
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(within(form).getByText(/Not a valid host name or IP address/)).toBeTruthy());
    expect(screen.getByTestId('printer-form-host').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).queryByText('Please enter a name.')).toBeNull();
    expect(bridge.callsOf('printing.savePrinter')).toHaveLength(1); // refused by the contract schema

    await change(screen.getByTestId('printer-form-host'), '10.0.0.31');
    await change(screen.getByTestId('printer-form-dpi'), '300');
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('printer-form')).toBeNull());
    expect(bridge.callsOf('printing.savePrinter')[1]).toEqual({
      name: 'Zebra packing 3',
      uri: 'tcp://10.0.0.31:9101',
      options: { dpi: 300, labelSize: '4x6in', formats: ['zpl'] },
    });
    const added = bridge.printers.find((p) => p.name === 'Zebra packing 3')!;
    await waitFor(() => expect(chip(added.id).dataset.state).toBe('ready'));
    expect(within(card(added.id)).getByTestId('printer-address').textContent).toBe('10.0.0.31:9101');
    expect(toasts()).toContain('Printer Zebra packing 3 added.×');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('printer-add')));
  });

  it('Folder and OS printers ask for their own address and default to their formats', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    await click(screen.getByTestId('printer-add'));
    await change(screen.getByTestId('printer-form-type'), 'dir');
    expect(screen.queryByTestId('printer-form-host')).toBeNull();
    expect((screen.getByTestId('printer-form-format-pdf') as HTMLInputElement).checked).toBe(true);
    await change(screen.getByTestId('printer-form-name'), 'Share');
    await click(screen.getByTestId('printer-form-submit'));
    expect(screen.getByText('Enter the folder path.')).toBeTruthy();
    await change(screen.getByTestId('printer-form-path'), '/srv/labels');
    await act(async () => {
      fireEvent.click(screen.getByTestId('printer-form-format-zpl'));
      fireEvent.click(screen.getByTestId('printer-form-format-pdf'));
    });
    await click(screen.getByTestId('printer-form-submit'));
    expect(screen.getByText('Choose at least one format.')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByTestId('printer-form-format-pdf')));
    await change(screen.getByTestId('printer-form-type'), 'os'); // changed formats stay as chosen
    expect((screen.getByTestId('printer-form-format-pdf') as HTMLInputElement).checked).toBe(true);
    await change(screen.getByTestId('printer-form-osname'), 'HP LaserJet');
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(bridge.callsOf('printing.savePrinter')).toHaveLength(1));
    expect(bridge.callsOf('printing.savePrinter')[0]).toEqual({ name: 'Share', uri: 'os:HP LaserJet', options: { dpi: 203, labelSize: '4x6in', formats: ['pdf'] } });
  });

  it('a folder path main refuses (too long) is shown under the path field', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    await click(screen.getByTestId('printer-add'));
    await change(screen.getByTestId('printer-form-type'), 'dir');
    await change(screen.getByTestId('printer-form-name'), 'Deep share');
    await change(screen.getByTestId('printer-form-path'), `/srv/${'x'.repeat(600)}`);
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(screen.getByText('This folder path is not valid.')).toBeTruthy());
    expect(screen.getByTestId('printer-form-path').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits a printer with its values filled in; Escape closes the form without saving', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    await click(within(card('z2')).getByTestId('printer-edit'));
    expect((screen.getByTestId('printer-form-host') as HTMLInputElement).value).toBe('10.0.0.22');
    expect((screen.getByTestId('printer-form-dpi') as HTMLSelectElement).value).toBe('300');
    expect((screen.getByTestId('printer-form-size') as HTMLSelectElement).value).toBe('100x150mm');
    await act(async () => void fireEvent.keyDown(screen.getByTestId('printer-form-name'), { key: 'Escape' }));
    expect(screen.queryByTestId('printer-form')).toBeNull();

    await click(within(card('z2')).getByTestId('printer-edit'));
    await change(screen.getByTestId('printer-form-name'), 'Zebra bench 2 (300)');
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(card('z2').textContent).toContain('Zebra bench 2 (300)'));
    expect(bridge.callsOf('printing.savePrinter')).toEqual([
      { id: 'z2', name: 'Zebra bench 2 (300)', uri: 'tcp://10.0.0.22:9100', options: { dpi: 300, labelSize: '100x150mm', formats: ['zpl'] } },
    ]);
  });

  it('removes a printer after a confirm step; the folder spool has no Remove', async () => {
    const bridge = bench();
    await openPrinters(bridge);
    expect(within(card('spool')).queryByTestId('printer-remove')).toBeNull();
    expect(within(card('spool')).getByTestId('printer-edit')).toBeTruthy();

    await click(within(card('z4')).getByTestId('printer-remove'));
    expect(card('z4').textContent).toContain('Remove Zebra old? Jobs waiting for it will fail.');
    expect(document.activeElement).toBe(within(card('z4')).getByTestId('printer-remove-confirm'));
    await click(within(card('z4')).getByTestId('printer-remove-cancel'));
    expect(bridge.callsOf('printing.removePrinter')).toEqual([]);

    await click(within(card('z4')).getByTestId('printer-remove'));
    await click(within(card('z4')).getByTestId('printer-remove-confirm'));
    await waitFor(() => expect(cards().map((c) => c.dataset.printerId)).not.toContain('z4'));
    expect(bridge.callsOf('printing.removePrinter')).toEqual([{ id: 'z4' }]);
    expect(toasts()).toContain('Printer Zebra old removed.×');
  });
});

describe('this station’s printers', () => {
  it('assigns the label and slip printers; a ZPL-only printer cannot take slips; the preview is an image', async () => {
    const bridge = bench();
    bridge.addPrinter('laser', 'Office laser', 'os:HP LaserJet');
    await openPrinters(bridge);
    const label = screen.getByTestId('role-label') as HTMLSelectElement;
    const slip = screen.getByTestId('role-slip') as HTMLSelectElement;
    expect(label.value).toBe('spool');
    const zebraAsSlip = [...slip.options].find((o) => o.value === 'z1')!;
    expect(zebraAsSlip.disabled).toBe(true);
    expect(zebraAsSlip.textContent).toBe('Zebra bench 1 (ZPL only, cannot print slips)');

    await change(label, 'z2');
    await waitFor(() => expect(within(card('z2')).getByTestId('printer-role-label').textContent).toBe('Labels'));
    expect(bridge.callsOf('printing.assignPrinter')).toEqual([{ role: 'label', printerId: 'z2' }]);
    expect(toasts()).toContain('Labels now print on Zebra bench 2.×');
    expect(within(card('spool')).queryByTestId('printer-role-label')).toBeNull();

    await change(slip, 'laser');
    await waitFor(() => expect(within(card('laser')).getByTestId('printer-role-slip')).toBeTruthy());
    expect(bridge.roles).toEqual({ label: 'z2', slip: 'laser' });

    // The preview follows the label printer: its size and dpi, as an <img>, never as markup.
    await waitFor(() => {
      const last = bridge.callsOf('printing.preview').at(-1) as { data: { printerName: string; size: string; dpi: number } };
      expect(last.data).toMatchObject({ printerName: 'Zebra bench 2', size: '100x150mm', dpi: 300 });
    });
    const img = (await screen.findByTestId('label-preview')) as HTMLImageElement;
    await waitFor(() => expect(decodeURIComponent(img.src)).toContain('TEST Zebra bench 2'));
    expect(img.src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(img.alt).toBe('Test label as printed on Zebra bench 2');
    expect(document.querySelector('[data-testid="station-printers"] svg')).toBeNull();
  });
});

describe('test prints', () => {
  it('a ready printer: success toast and sound; a paused one: error toast with the reason, and the chip turns Paused', async () => {
    const bridge = bench();
    const app = await openPrinters(bridge);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('ready'));
    await click(within(card('z1')).getByTestId('printer-test'));
    await waitFor(() => expect(toasts()).toContain('Test label printed on Zebra bench 1.×'));
    expect(successBeeps(app)).toBe(2);
    expect(bridge.printed.get('z1')).toEqual(['Test label']);

    // Paused after the screen opened: the test print finds out, and the chip follows.
    bridge.printerStatus.set('z1', zebraStatus({ paused: true }));
    await click(within(card('z1')).getByTestId('printer-test'));
    await waitFor(() => expect(toasts().some((t) => t.startsWith('Test label is waiting on Zebra bench 1: paused. It prints when the printer is ready.'))).toBe(true));
    expect(errorBuzzes(app)).toBe(1);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('paused'));
    expect(bridge.printed.get('z1')).toEqual(['Test label']);
  });
});

describe('job history', () => {
  it('lists the last jobs, follows print.job events, and reprints a job', async () => {
    const bridge = bench();
    bridge.addJob({ id: 'old1', title: 'Label 1001/1', kind: 'shipping', printerId: 'z1', status: 'done', attempts: 1 });
    bridge.addJob({ id: 'old2', title: 'Label 1002/1', kind: 'shipping', printerId: 'z2', status: 'queued', attempts: 3, errorCode: 'paused' });
    const app = await openPrinters(bridge);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(bridge.callsOf('printing.jobs')).toEqual([{ limit: 50 }]);
    const [first, second] = rows();
    expect(first!.dataset.jobId).toBe('old2'); // newest first
    expect(within(first!).getByTestId('job-status').textContent).toBe('Waiting');
    expect(within(first!).getByTestId('job-error').textContent).toBe('paused');
    expect(first!.textContent).toContain('Zebra bench 2');
    expect(first!.textContent).toContain('3');
    expect(within(second!).getByTestId('job-status').textContent).toBe('Printed');

    // The queue got through: the row changes in place.
    act(() => void bridge.updateJob('old2', { status: 'done', attempts: 4, errorCode: null }));
    expect(within(rows()[0]!).getByTestId('job-status').textContent).toBe('Printed');
    expect(within(rows()[0]!).queryByTestId('job-error')).toBeNull();
    // An older copy of the same job arriving late does not undo it.
    act(() => bridge.emit('printing.job', { ...bridge.jobs.find((j) => j.id === 'old2')!, status: 'queued', updatedAt: 1 }));
    expect(within(rows()[0]!).getByTestId('job-status').textContent).toBe('Printed');

    await click(within(rows()[1]!).getByTestId('job-reprint'));
    expect(bridge.callsOf('printing.reprint')).toEqual([{ id: 'old1' }]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]!.textContent).toContain('reprint');
    expect(toasts()).toContain('Printing “Label 1001/1” again.×');
    expect(successBeeps(app)).toBe(2);
    // …and it prints (the queue's event arrives after the answer).
    await waitFor(() => expect(within(rows()[0]!).getByTestId('job-status').textContent).toBe('Printed'));
    expect(bridge.printed.get('z1')).toEqual(['Label 1001/1']);
  });

  it('keeps only the last 50 jobs as new ones arrive', async () => {
    const bridge = bench();
    for (let i = 0; i < 50; i++) bridge.addJob({ id: `j${i}`, title: `Label ${i}`, status: 'done', attempts: 1 });
    await openPrinters(bridge);
    await waitFor(() => expect(rows()).toHaveLength(50));
    await click(within(card('spool')).getByTestId('printer-test'));
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Test label'));
    expect(rows()).toHaveLength(50);
    expect(rows().map((r) => r.dataset.jobId)).not.toContain('j0');
  });
});

describe('non-supervisors', () => {
  it('a packer sees printers and status, can test and reprint, but cannot add, edit, remove or reassign', async () => {
    const bridge = bench();
    bridge.currentUserId = bridge.users.find((u) => u.pin === '1111')!.id;
    bridge.roles = { label: 'z1', slip: 'spool' };
    bridge.addJob({ id: 'old1', title: 'Label 1001/1', printerId: 'z1', status: 'done', attempts: 1 });
    await openPrinters(bridge);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('ready'));
    expect(screen.queryByTestId('printer-add')).toBeNull();
    expect(screen.queryAllByTestId('printer-edit')).toEqual([]);
    expect(screen.queryAllByTestId('printer-remove')).toEqual([]);
    expect(screen.queryByTestId('role-label')).toBeNull();
    expect(screen.getByTestId('role-label-value').textContent).toBe('Zebra bench 1');
    expect(screen.getByTestId('role-slip-value').textContent).toBe('Folder spool');
    expect(screen.getByText('Only a supervisor can change these.')).toBeTruthy();

    await click(within(card('z1')).getByTestId('printer-test'));
    await waitFor(() => expect(toasts()).toContain('Test label printed on Zebra bench 1.×'));
    await waitFor(() => expect(rows().length).toBeGreaterThan(1));
    await click(screen.getAllByTestId('job-reprint').at(-1)!);
    await waitFor(() => expect(bridge.callsOf('printing.reprint')).toEqual([{ id: 'old1' }]));
  });
});

describe('reprint-last shortcut', () => {
  it('Ctrl+Shift+P on any screen reprints this station’s last job; a held key does not print twice', async () => {
    const bridge = new FakeBridge({ signedInPin: '1111' });
    bridge.addJob({ id: 'a', title: 'Label 2001/1', status: 'done', attempts: 1 });
    bridge.addJob({ id: 'b', title: 'Label 2002/1', status: 'done', attempts: 1 });
    const app = await renderApp({ bridge });
    expect(screen.getByTestId('screen-pick')).toBeTruthy();
    expect(app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }).prevented).toBe(true);
    app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }); // pressed again while the first is on its way
    await waitFor(() => expect(toasts()).toContain('Printing “Label 2002/1” again.×'));
    expect(bridge.callsOf('printing.lastJob')).toHaveLength(1);
    expect(bridge.callsOf('printing.reprint')).toEqual([{ id: 'b' }]);
    expect(successBeeps(app)).toBe(2);
    // Auto-repeat of a held key, after the first reprint finished, is not a new press.
    app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP', repeat: true });
    await act(async () => await new Promise((r) => setTimeout(r, 20)));
    expect(bridge.callsOf('printing.lastJob')).toHaveLength(1);
    // A new press reprints the (new) last job again.
    app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' });
    await waitFor(() => expect(bridge.callsOf('printing.reprint')).toHaveLength(2));
  });

  it('says so when nothing was printed yet, and is listed in the help', async () => {
    const bridge = new FakeBridge({ signedInPin: '1111' });
    const app = await renderApp({ bridge });
    app.key('p', { ctrlKey: true, shiftKey: true, code: 'KeyP' });
    await waitFor(() => expect(toasts()).toContain('Nothing has been printed on this station yet.×'));
    expect(bridge.callsOf('printing.reprint')).toEqual([]);
    expect(errorBuzzes(app)).toBe(1);
    app.key('?');
    expect(screen.getByTestId('help-overlay').textContent).toContain('Ctrl+Shift+PReprint the last label');
  });
});
