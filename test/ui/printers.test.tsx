// Settings → Printers against the real core: real printers (fake Zebras on loopback TCP ports
// answering ~HS, the folder spool in a temp dir) give the status chips; the Add/Edit form with
// field errors from this form and from core's schema; roles with the label preview; test prints
// with their toast and sound; the live job history with reprint from core's print queue;
// read-only for non-supervisors; and the app-wide reprint-last shortcut.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PrintJobInfo } from '../../src-preload/contract';
import type { FakeZebra } from '../unit/printing/fakeZebra';
import { click, renderApp } from './renderApp';
import { addPrinter, runPrintQueue, startCore, USERS, type UiCore } from './realCore';

const cards = () => screen.getAllByTestId('printer-card');
const card = (id: string) => {
  const el = cards().find((c) => c.dataset.printerId === id);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};
const chip = (id: string) => within(card(id)).getByTestId('printer-status');
const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent ?? '');
const rows = () => screen.queryAllByTestId('job-row');

interface Bench {
  ui: UiCore;
  z1: FakeZebra;
  z2: FakeZebra;
  z3: FakeZebra;
  z4: FakeZebra;
}

/** A bench with the spool, a ready Zebra, a paused one, one out of paper and one switched off. */
async function bench(opts: { signedInPin?: string } = {}): Promise<Bench> {
  const ui = await startCore({ signedInPin: USERS.supervisor.pin });
  const z1 = await ui.zebra();
  const z2 = await ui.zebra({ paused: true });
  const z3 = await ui.zebra({ paperOut: true, headOpen: true });
  const z4 = await ui.zebra();
  await z4.gone(); // switched off: its port refuses connections
  await addPrinter(ui, 'z1', 'Zebra bench 1', z1.uri);
  await addPrinter(ui, 'z2', 'Zebra bench 2', z2.uri, { dpi: 300, labelSize: '100x150mm' });
  await addPrinter(ui, 'z3', 'Zebra dock', z3.uri);
  await addPrinter(ui, 'z4', 'Zebra old', z4.uri);
  if (opts.signedInPin) await ui.api.call('station.signIn', { pin: opts.signedInPin });
  return { ui, z1, z2, z3, z4 };
}

/** Print a test label through the contract (as another window would) at the next clock second. */
async function testPrint(ui: UiCore, printerId: string): Promise<PrintJobInfo> {
  ui.clock.advance(1000);
  return ui.api.call('printing.testPrinter', { id: printerId });
}

async function openPrinters(b: Pick<Bench, 'ui'>) {
  const app = await renderApp({ core: b.ui });
  await click(screen.getByTestId('nav-settings'));
  await click(screen.getByTestId('settings-tab-printers'));
  const { printers } = await b.ui.api.call('printing.listPrinters', {});
  await waitFor(() => expect(screen.getAllByTestId('printer-card').length).toBe(printers.length));
  return app;
}

/** Every printer's check has answered. */
const allChecked = () => waitFor(() => expect(cards().filter((c) => within(c).getByTestId('printer-status').dataset.state === 'checking')).toEqual([]));

/** How many labels a fake Zebra has received. */
const labels = (z: FakeZebra) => z.received().split('^XA').length - 1;

async function change(el: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.change(el, { target: { value } });
  });
}

const successBeeps = (app: Awaited<ReturnType<typeof renderApp>>) => app.audio.tones().filter((t) => t.frequency > 1000).length;
const errorBuzzes = (app: Awaited<ReturnType<typeof renderApp>>) => app.audio.tones().filter((t) => t.type === 'sawtooth').length;

describe('printer list and status', () => {
  it('shows each printer’s kind, address and settings, and checks every printer on open', async () => {
    const b = await bench();
    const { bridge } = await openPrinters(b);
    expect(cards().map((c) => c.dataset.printerId)).toEqual(['spool', 'z1', 'z2', 'z3', 'z4']); // by name, as main sorts
    expect(card('z2').textContent).toContain('Network');
    expect(within(card('z2')).getByTestId('printer-address').textContent).toBe(`127.0.0.1:${b.z2.port}`);
    expect(card('z2').textContent).toContain('300\u00a0dpi · 100\u00a0×\u00a0150\u00a0mm · ZPL'); // sizes never break across lines
    expect(card('spool').textContent).toContain('Folder');
    expect(card('spool').textContent).toContain('203\u00a0dpi · 4\u00a0×\u00a06\u00a0in · ZPL, PDF');

    await waitFor(() => expect(chip('z4').dataset.state).toBe('unreachable'));
    await allChecked();
    expect((bridge.callsOf('printing.printerStatus') as { id: string }[]).map((c) => c.id).sort()).toEqual(['spool', 'z1', 'z2', 'z3', 'z4']);
    expect(chip('z1').dataset.state).toBe('ready');
    expect(chip('z1').textContent).toBe('Ready');
    expect(chip('z2').textContent).toBe('Paused');
    // Worst first: paper out wins over head open; the reasons line lists both, translated.
    expect(chip('z3').textContent).toBe('Paper out');
    expect(within(card('z3')).getByTestId('printer-reasons').textContent).toBe('paper out, head open');
    expect(chip('z4').textContent).toBe('Unreachable');
    expect(within(card('z4')).getByTestId('printer-reasons').textContent).not.toBe(''); // what the connection attempt said
    expect(within(card('z1')).queryByTestId('printer-reasons')).toBeNull();
  });

  it('Check asks the printer again and shows the new state', async () => {
    const b = await bench();
    const { bridge } = await openPrinters(b);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('ready'));
    b.z1.flags.headOpen = true;
    const before = bridge.callsOf('printing.printerStatus').length;
    await click(within(card('z1')).getByTestId('printer-check'));
    await waitFor(() => expect(chip('z1').dataset.state).toBe('headOpen'));
    expect(chip('z1').textContent).toBe('Head open');
    expect(bridge.callsOf('printing.printerStatus').slice(before)).toEqual([{ id: 'z1' }]);

    b.z2.flags.paused = false;
    await allChecked(); // Check all waits until no check is running
    await click(screen.getByTestId('printers-check-all'));
    await waitFor(() => expect(chip('z2').dataset.state).toBe('ready'));
  });
});

describe('adding and editing printers (supervisor)', () => {
  it('adds a network printer: checks required fields, shows main’s VALIDATION under the host, then saves', async () => {
    const b = await bench();
    const z5 = await b.ui.zebra();
    const { bridge } = await openPrinters(b);
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

    await change(screen.getByTestId('printer-form-port'), String(z5.port));
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(within(form).getByText(/Not a valid host name or IP address/)).toBeTruthy());
    expect(screen.getByTestId('printer-form-host').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).queryByText('Please enter a name.')).toBeNull();
    expect(bridge.callsOf('printing.savePrinter')).toHaveLength(1); // refused by the contract schema

    await change(screen.getByTestId('printer-form-host'), '127.0.0.1');
    await change(screen.getByTestId('printer-form-dpi'), '300');
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('printer-form')).toBeNull());
    expect(bridge.callsOf('printing.savePrinter')[1]).toEqual({
      name: 'Zebra packing 3',
      uri: z5.uri,
      options: { dpi: 300, labelSize: '4x6in', formats: ['zpl'], skipStatus: false },
    });
    const added = (await b.ui.api.call('printing.listPrinters', {})).printers.find((p) => p.name === 'Zebra packing 3')!;
    await waitFor(() => expect(chip(added.id).dataset.state).toBe('ready'));
    expect(within(card(added.id)).getByTestId('printer-address').textContent).toBe(`127.0.0.1:${z5.port}`);
    expect(toasts()).toContain('Printer Zebra packing 3 added.×');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('printer-add')));
  });

  it('Folder and OS printers ask for their own address and default to their formats', async () => {
    const b = await bench();
    const { bridge } = await openPrinters(b);
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
    const b = await bench();
    await openPrinters(b);
    await click(screen.getByTestId('printer-add'));
    await change(screen.getByTestId('printer-form-type'), 'dir');
    await change(screen.getByTestId('printer-form-name'), 'Deep share');
    await change(screen.getByTestId('printer-form-path'), `/srv/${'x'.repeat(600)}`);
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(screen.getByText('This folder path is not valid.')).toBeTruthy());
    expect(screen.getByTestId('printer-form-path').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits a printer with its values filled in; Escape closes the form without saving', async () => {
    const b = await bench();
    const { bridge } = await openPrinters(b);
    await click(within(card('z2')).getByTestId('printer-edit'));
    expect((screen.getByTestId('printer-form-host') as HTMLInputElement).value).toBe('127.0.0.1');
    expect((screen.getByTestId('printer-form-port') as HTMLInputElement).value).toBe(String(b.z2.port));
    expect((screen.getByTestId('printer-form-dpi') as HTMLSelectElement).value).toBe('300');
    expect((screen.getByTestId('printer-form-size') as HTMLSelectElement).value).toBe('100x150mm');
    await act(async () => void fireEvent.keyDown(screen.getByTestId('printer-form-name'), { key: 'Escape' }));
    expect(screen.queryByTestId('printer-form')).toBeNull();

    await click(within(card('z2')).getByTestId('printer-edit'));
    await change(screen.getByTestId('printer-form-name'), 'Zebra bench 2 (300)');
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(card('z2').textContent).toContain('Zebra bench 2 (300)'));
    expect(bridge.callsOf('printing.savePrinter')).toEqual([
      { id: 'z2', name: 'Zebra bench 2 (300)', uri: b.z2.uri, options: { dpi: 300, labelSize: '100x150mm', formats: ['zpl'], skipStatus: false } },
    ]);
  });

  it('a network printer that never answers ~HS: "does not answer status queries" makes it ready and printing', async () => {
    const b = await bench();
    const silent = await b.ui.zebra({ silent: true });
    const { bridge } = await openPrinters(b);
    await click(screen.getByTestId('printer-add'));
    const box = screen.getByTestId('printer-form-skip-status') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')?.textContent).toBe('This printer does not answer status queries');
    await change(screen.getByTestId('printer-form-name'), 'Label printer (ZPL clone)');
    await change(screen.getByTestId('printer-form-host'), '127.0.0.1');
    await change(screen.getByTestId('printer-form-port'), String(silent.port));
    await click(box);
    // Only network printers have the option.
    await change(screen.getByTestId('printer-form-type'), 'dir');
    expect(screen.queryByTestId('printer-form-skip-status')).toBeNull();
    await change(screen.getByTestId('printer-form-type'), 'tcp');
    expect((screen.getByTestId('printer-form-skip-status') as HTMLInputElement).checked).toBe(true);
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('printer-form')).toBeNull());
    expect(bridge.callsOf('printing.savePrinter')[0]).toEqual({
      name: 'Label printer (ZPL clone)',
      uri: silent.uri,
      options: { dpi: 203, labelSize: '4x6in', formats: ['zpl'], skipStatus: true },
    });
    const added = (await b.ui.api.call('printing.listPrinters', {})).printers.find((p) => p.name === 'Label printer (ZPL clone)')!;
    await waitFor(() => expect(chip(added.id).dataset.state).toBe('ready'));
    await click(within(card(added.id)).getByTestId('printer-test'));
    await waitFor(() => expect(labels(silent)).toBe(1));
    expect(silent.statusQueries).toBe(0);

    // Editing shows the option ticked.
    await click(within(card(added.id)).getByTestId('printer-edit'));
    expect((screen.getByTestId('printer-form-skip-status') as HTMLInputElement).checked).toBe(true);
  });

  it('removes a printer after a confirm step; the folder spool has no Remove', async () => {
    const b = await bench();
    const { bridge } = await openPrinters(b);
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
    expect((await b.ui.api.call('printing.listPrinters', {})).printers.map((p) => p.id)).not.toContain('z4');
  });
});

describe('this station’s printers', () => {
  it('assigns the label and slip printers; a ZPL-only printer cannot take slips; the preview is an image', async () => {
    const b = await bench();
    await addPrinter(b.ui, 'laser', 'Office laser', 'os:HP LaserJet');
    const { bridge } = await openPrinters(b);
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
    expect((await b.ui.api.call('printing.listPrinters', {})).roles).toEqual({ label: 'z2', slip: 'laser' });

    // The preview follows the label printer: its size and dpi, as an <img>, never as markup.
    await waitFor(() => {
      const last = bridge.callsOf('printing.preview').at(-1) as { data: { printerName: string; size: string; dpi: number } };
      expect(last.data).toMatchObject({ printerName: 'Zebra bench 2', size: '100x150mm', dpi: 300 });
    });
    const img = (await screen.findByTestId('label-preview')) as HTMLImageElement;
    await waitFor(() => expect(decodeURIComponent(img.src)).toContain('Zebra bench 2'));
    expect(decodeURIComponent(img.src)).toMatch(/^data:image\/svg\+xml;charset=utf-8,<svg[\s\S]*<\/svg>\s*$/);
    expect(img.alt).toBe('Test label as printed on Zebra bench 2');
    expect(document.querySelector('[data-testid="station-printers"] svg')).toBeNull();
  });
});

describe('test prints', () => {
  it('a ready printer: success toast and sound; a paused one: error toast with the reason, and the chip turns Paused', async () => {
    const b = await bench();
    const app = await openPrinters(b);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('ready'));
    await click(within(card('z1')).getByTestId('printer-test'));
    await waitFor(() => expect(toasts()).toContain('Test label printed on Zebra bench 1.×'));
    expect(successBeeps(app)).toBe(2);
    expect(labels(b.z1)).toBe(1);

    // Paused after the screen opened: the test print finds out, and the chip follows.
    b.z1.flags.paused = true;
    await click(within(card('z1')).getByTestId('printer-test'));
    await waitFor(() => expect(toasts().some((t) => t.startsWith('Test label is waiting on Zebra bench 1: paused. It prints when the printer is ready.'))).toBe(true));
    expect(errorBuzzes(app)).toBe(1);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('paused'));
    expect(labels(b.z1)).toBe(1);
  });
});

describe('job history', () => {
  it('lists the last jobs, follows printing.job events, and reprints a job', async () => {
    const b = await bench();
    const old1 = await testPrint(b.ui, 'z1'); // printed
    const old2 = await testPrint(b.ui, 'z2'); // waits: the printer is paused
    expect(old2).toMatchObject({ status: 'queued', attempts: 1 });
    const app = await openPrinters(b);
    const { bridge } = app;
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(bridge.callsOf('printing.jobs')).toEqual([{ limit: 50 }]);
    const [first, second] = rows();
    expect(first!.dataset.jobId).toBe(old2.id); // newest first
    expect(within(first!).getByTestId('job-status').textContent).toBe('Waiting');
    expect(within(first!).getByTestId('job-error').textContent).toBe('paused');
    expect(first!.textContent).toContain('Zebra bench 2');
    expect(first!.querySelector('td.num')?.textContent).toBe('1'); // attempts so far
    expect(second!.dataset.jobId).toBe(old1.id);
    expect(within(second!).getByTestId('job-status').textContent).toBe('Printed');

    // Someone resumes the printer and the queue gets through once the retry is due: the row changes in place.
    b.z2.flags.paused = false;
    b.ui.clock.advance(120_000);
    await act(() => runPrintQueue(b.ui));
    await waitFor(() => expect(within(rows()[0]!).getByTestId('job-status').textContent).toBe('Printed'));
    expect(within(rows()[0]!).queryByTestId('job-error')).toBeNull();
    expect(rows()[0]!.querySelector('td.num')?.textContent).toBe('2');
    expect(labels(b.z2)).toBe(1);
    // An older copy of the same job arriving late does not undo it.
    act(() => b.ui.core.events.emit('printing.job', { ...old2, status: 'queued' }));
    expect(within(rows()[0]!).getByTestId('job-status').textContent).toBe('Printed');

    await click(within(rows()[1]!).getByTestId('job-reprint'));
    expect(bridge.callsOf('printing.reprint')).toEqual([{ id: old1.id }]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]!.textContent).toContain('reprint');
    expect(toasts()).toContain('Printing “Test label” again.×');
    expect(successBeeps(app)).toBe(2);
    // …and it prints (the queue's event arrives after the answer).
    await waitFor(() => expect(within(rows()[0]!).getByTestId('job-status').textContent).toBe('Printed'));
    expect(labels(b.z1)).toBe(2);
  });

  it('keeps only the last 50 jobs as new ones arrive', async () => {
    const b = await bench();
    const seeded: string[] = [];
    for (let i = 0; i < 50; i++) seeded.push((await testPrint(b.ui, 'spool')).id);
    const app = await openPrinters(b);
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(rows().map((r) => r.dataset.jobId)).toEqual([...seeded].reverse());
    b.ui.clock.advance(1000);
    await click(within(card('spool')).getByTestId('printer-test'));
    const fresh = () => (app.bridge.calls.find((c) => c.method === 'printing.testPrinter')?.result as { value: PrintJobInfo } | undefined)?.value.id;
    await waitFor(() => expect(fresh()).toBeTruthy());
    await waitFor(() => expect(rows()[0]!.dataset.jobId).toBe(fresh()));
    expect(rows()).toHaveLength(50);
    expect(rows().map((r) => r.dataset.jobId)).not.toContain(seeded[0]);
  });
});

describe('non-supervisors', () => {
  it('a packer sees printers and status, can test and reprint, but cannot add, edit, remove or reassign', async () => {
    const b = await bench();
    await b.ui.api.call('printing.assignPrinter', { role: 'label', printerId: 'z1' });
    const old1 = await testPrint(b.ui, 'z1');
    await b.ui.api.call('station.signIn', { pin: USERS.packer.pin });
    const { bridge } = await openPrinters(b);
    await waitFor(() => expect(chip('z1').dataset.state).toBe('ready'));
    expect(screen.queryByTestId('printer-add')).toBeNull();
    expect(screen.queryAllByTestId('printer-edit')).toEqual([]);
    expect(screen.queryAllByTestId('printer-remove')).toEqual([]);
    expect(screen.queryByTestId('role-label')).toBeNull();
    expect(screen.getByTestId('role-label-value').textContent).toBe('Zebra bench 1');
    expect(screen.getByTestId('role-slip-value').textContent).toBe('Folder spool');
    expect(screen.getByText('Only a supervisor can change these.')).toBeTruthy();

    b.ui.clock.advance(1000);
    await click(within(card('z1')).getByTestId('printer-test'));
    await waitFor(() => expect(toasts()).toContain('Test label printed on Zebra bench 1.×'));
    await waitFor(() => expect(rows().length).toBeGreaterThan(1));
    await click(screen.getAllByTestId('job-reprint').at(-1)!);
    await waitFor(() => expect(bridge.callsOf('printing.reprint')).toEqual([{ id: old1.id }]));
    await waitFor(() => expect(labels(b.z1)).toBe(3));
  });
});

describe('reprint-last shortcut', () => {
  it('Ctrl+Shift+P on any screen reprints this station’s last job; a held key does not print twice', async () => {
    const ui = await startCore({ signedInPin: USERS.packer.pin });
    await testPrint(ui, 'spool');
    const last = await testPrint(ui, 'spool');
    const app = await renderApp({ core: ui });
    const { bridge } = app;
    expect(screen.getByTestId('screen-pick')).toBeTruthy();
    ui.clock.advance(1000); // each copy is newer than what it copies, so "last" is never a tie
    expect(app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }).prevented).toBe(true);
    app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }); // pressed again while the first is on its way
    await waitFor(() => expect(toasts()).toContain('Printing “Test label” again.×'));
    expect(bridge.callsOf('printing.lastJob')).toHaveLength(1);
    expect(bridge.callsOf('printing.reprint')).toEqual([{ id: last.id }]);
    expect(successBeeps(app)).toBe(2);
    // Auto-repeat of a held key, after the first reprint finished, is not a new press.
    app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP', repeat: true });
    await act(async () => await new Promise((r) => setTimeout(r, 20)));
    expect(bridge.callsOf('printing.lastJob')).toHaveLength(1);
    // A new press reprints the (new) last job again.
    ui.clock.advance(1000);
    app.key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' });
    await waitFor(() => expect(bridge.callsOf('printing.reprint')).toHaveLength(2));
    const copy = (bridge.calls.find((c) => c.method === 'printing.reprint')?.result as { value: PrintJobInfo }).value;
    expect(bridge.callsOf('printing.reprint')[1]).toEqual({ id: copy.id });
  });

  it('says so when nothing was printed yet, and is listed in the help', async () => {
    const app = await renderApp({ signedInPin: USERS.packer.pin });
    app.key('p', { ctrlKey: true, shiftKey: true, code: 'KeyP' });
    await waitFor(() => expect(toasts()).toContain('Nothing has been printed on this station yet.×'));
    expect(app.bridge.callsOf('printing.reprint')).toEqual([]);
    expect(errorBuzzes(app)).toBe(1);
    app.key('?');
    expect(screen.getByTestId('help-overlay').textContent).toContain('Ctrl+Shift+PReprint the last label');
  });
});

describe('label preview warnings', () => {
  it('names the text the label had to cut, and shows no warning when everything fits', async () => {
    const ui = await startCore({ signedInPin: USERS.supervisor.pin });
    const z = await ui.zebra();
    const long = 'Zebra ZT411 on the mezzanine north packing line next to the stretch wrapper bay 14';
    await addPrinter(ui, 'zl', long.slice(0, 80), z.uri);
    await addPrinter(ui, 'zs', 'Zebra bench 1', z.uri);
    await ui.api.call('printing.assignPrinter', { role: 'label', printerId: 'zl' });
    await openPrinters({ ui });
    const warning = await screen.findByTestId('label-preview-cut');
    expect(warning.textContent).toMatch(/^Some text does not fit the label and is cut: Printer: Zebra ZT411 on the mezzanine/);

    await change(screen.getByTestId('role-label') as HTMLSelectElement, 'zs');
    await waitFor(() => expect(screen.queryByTestId('label-preview-cut')).toBeNull());
    expect(await screen.findByTestId('label-preview')).toBeTruthy();
  });
});
