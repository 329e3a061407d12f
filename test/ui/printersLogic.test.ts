// The pure parts of the Printers screen: the form draft ↔ printers.save input, field errors from
// main's VALIDATION details, reason translation and chip state, and the job list merge.
import { describe, expect, it } from 'vitest';
import { printerSaveSchema, type PrinterInfo, type PrinterStatusInfo, type PrintJobInfo } from '../../src-preload/contract';
import { createI18n } from '../../src-renderer/src/i18n';
import { upsertJob } from '../../src-renderer/src/features/printing/jobs';
import { chipState, PRINT_REASONS, reasonsText, reasonText } from '../../src-renderer/src/features/printing/reasons';
import {
  checkDraft,
  draftFromPrinter,
  emptyDraft,
  errorsFromIssues,
  toSaveInput,
  toggleFormat,
  withHubChoice,
  withType,
} from '../../src-renderer/src/features/printing/printerDraft';

const READY: PrinterStatusInfo = { ready: true, reachable: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false, reasons: [] };
/** A printer status as the Zebra driver reports it, from its flags (reasons are codes). */
function zebraStatus(flags: Partial<Pick<PrinterStatusInfo, 'paperOut' | 'headOpen' | 'paused'>> & { reachable?: boolean }): PrinterStatusInfo {
  if (flags.reachable === false) return { ...READY, ready: false, reachable: false, reasons: ['unreachable'], detail: 'connect ECONNREFUSED' };
  const reasons = (['paper_out', 'head_open', 'paused'] as const).filter((_r, i) => [flags.paperOut, flags.headOpen, flags.paused][i]);
  return { ...READY, paperOut: !!flags.paperOut, headOpen: !!flags.headOpen, paused: !!flags.paused, ready: reasons.length === 0, reasons };
}

const printer = (uri: string, kind: PrinterInfo['kind']): PrinterInfo => ({
  id: 'p1',
  name: 'P',
  uri,
  kind,
  options: { dpi: 300, labelSize: '100x150mm', formats: ['zpl'], connectTimeoutMs: 3000, skipStatus: false },
  createdAt: 1,
  updatedAt: 1,
});

describe('printer draft', () => {
  it('a new network printer defaults to port 9100 and ZPL, and builds a URI the contract accepts', () => {
    const d = { ...emptyDraft(), name: ' Zebra ', host: ' 10.1.2.3 ' };
    const input = toSaveInput(d);
    expect(input).toEqual({ name: 'Zebra', uri: 'tcp://10.1.2.3:9100', options: { dpi: 203, labelSize: '4x6in', formats: ['zpl'], skipStatus: false } });
    expect(printerSaveSchema.safeParse(input).success).toBe(true);
  });

  it('round-trips every editable kind through draftFromPrinter → toSaveInput', () => {
    for (const [uri, kind] of [
      ['tcp://zebra-3.local:6101', 'tcp'],
      ['dir:/srv/labels out', 'dir'],
      ['os:HP LaserJet 4', 'os'],
      ['os:', 'os'],
    ] as const) {
      const d = draftFromPrinter(printer(uri, kind))!;
      expect(toSaveInput(d)).toMatchObject({ id: 'p1', uri, options: { dpi: 300, labelSize: '100x150mm', formats: ['zpl'] } });
    }
    expect(draftFromPrinter(printer('tcp://zebra', 'tcp'))!.port).toBe('9100');
  });

  it('an Afosto hub printer: chosen from the pulled list, named after it unless named by hand, ZPL only', () => {
    const choices = [
      { uri: 'afosto:h1/p1', name: 'Hub balení / Zebra 1', hubId: 'h1', printerId: 'p1', encoding: 'zpl', printable: true, hubOnline: true },
      { uri: 'afosto:h1/p2', name: 'Hub balení / Zebra 2', hubId: 'h1', printerId: 'p2', encoding: 'zpl', printable: true, hubOnline: false },
    ];
    const hub = withType(toggleFormat(emptyDraft(), 'pdf', true), 'afosto');
    expect(hub.formats).toEqual(['zpl']);
    expect(checkDraft(hub)).toEqual({ name: 'nameRequired', hub: 'hubRequired' });
    const picked = withHubChoice(hub, 'afosto:h1/p1', choices);
    expect(picked.name).toBe('Hub balení / Zebra 1');
    // another choice renames it; a name typed by hand stays
    expect(withHubChoice(picked, 'afosto:h1/p2', choices).name).toBe('Hub balení / Zebra 2');
    expect(withHubChoice({ ...picked, name: 'Dock labels' }, 'afosto:h1/p2', choices).name).toBe('Dock labels');
    expect(checkDraft(picked)).toEqual({});
    const input = toSaveInput(picked);
    expect(input).toEqual({ name: 'Hub balení / Zebra 1', uri: 'afosto:h1/p1', options: { dpi: 203, labelSize: '4x6in', formats: ['zpl'] } });
    expect(printerSaveSchema.safeParse(input).success).toBe(true);
    // edit: the saved hub printer is the selected one
    const edit = draftFromPrinter(printer('afosto:h1/p2', 'afosto'));
    expect(edit).toMatchObject({ type: 'afosto', hubUri: 'afosto:h1/p2' });
    expect(toSaveInput(edit)).toMatchObject({ id: 'p1', uri: 'afosto:h1/p2', options: { formats: ['zpl'] } });
    expect(errorsFromIssues([{ path: 'uri', message: 'x' }], 'afosto')).toEqual({ hub: 'hubInvalid' });
  });

  it('"no status query" is a network printer’s option: kept through edit, sent only for tcp', () => {
    const silent = { ...printer('tcp://10.0.0.9:9100', 'tcp'), options: { ...printer('x', 'tcp').options, skipStatus: true } };
    const d = draftFromPrinter(silent)!;
    expect(d.skipStatus).toBe(true);
    expect(toSaveInput(d).options).toMatchObject({ skipStatus: true });
    expect(printerSaveSchema.parse(toSaveInput(d)).options.skipStatus).toBe(true);
    expect(toSaveInput({ ...d, skipStatus: false }).options).toMatchObject({ skipStatus: false });
    // A folder or OS printer has no ~HS: the form does not touch the option.
    expect(toSaveInput(withType({ ...d, path: '/tmp/x' }, 'dir')).options).not.toHaveProperty('skipStatus');
    expect(toSaveInput(withType(d, 'os')).options).not.toHaveProperty('skipStatus');
  });

  it('switching type follows that type’s default formats, unless the user chose their own', () => {
    expect(withType(emptyDraft(), 'dir').formats).toEqual(['zpl', 'pdf']);
    expect(withType(emptyDraft(), 'os').formats).toEqual(['pdf']);
    const chosen = toggleFormat(emptyDraft(), 'pdf', true);
    expect(chosen.formats).toEqual(['zpl', 'pdf']);
    expect(withType(chosen, 'os').formats).toEqual(['zpl', 'pdf']);
    expect(toggleFormat(chosen, 'zpl', false).formats).toEqual(['pdf']);
  });

  it('checks what it can before calling main: name, host, port range, folder path, a format', () => {
    expect(checkDraft(emptyDraft())).toEqual({ name: 'nameRequired', host: 'hostRequired' });
    for (const port of ['0', '65536', '', '12a']) expect(checkDraft({ ...emptyDraft(), name: 'a', host: 'h', port }).port).toBe('portInvalid');
    expect(checkDraft({ ...emptyDraft(), name: 'a', host: 'h', port: '65535' })).toEqual({});
    expect(checkDraft({ ...withType(emptyDraft(), 'dir'), name: 'a' })).toEqual({ path: 'pathRequired' });
    // An OS printer with no name is the system default: allowed.
    expect(checkDraft({ ...withType(emptyDraft(), 'os'), name: 'a' })).toEqual({});
    expect(checkDraft({ ...emptyDraft(), name: 'a', host: 'h', formats: [] })).toEqual({ formats: 'formatsRequired' });
  });

  it('puts main’s VALIDATION issues under the right field for the printer type', () => {
    const issues = [
      { path: 'uri', message: 'printer URI must be …' },
      { path: 'name', message: 'Too big' },
    ];
    expect(errorsFromIssues(issues, 'tcp')).toEqual({ host: 'hostInvalid', name: 'nameInvalid' });
    expect(errorsFromIssues(issues, 'dir')).toEqual({ path: 'pathInvalid', name: 'nameInvalid' });
    expect(errorsFromIssues([{ path: 'options.formats', message: 'x' }], 'os')).toEqual({ formats: 'formatsRequired' });
    expect(errorsFromIssues([{ path: 'options.connectTimeoutMs', message: 'x' }], 'tcp')).toEqual({ form: 'invalid' });
    // Details in an unexpected shape still tell the user something.
    expect(errorsFromIssues('nonsense', 'tcp')).toEqual({ form: 'invalid' });
    // And the real schema's paths are the ones mapped.
    const bad = printerSaveSchema.safeParse(toSaveInput({ ...emptyDraft(), name: 'x'.repeat(81), host: 'a b' }));
    const real = bad.success ? [] : bad.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    expect(errorsFromIssues(real, 'tcp')).toEqual({ name: 'nameInvalid', host: 'hostInvalid' });
  });
});

describe('printer reasons and status chips', () => {
  const en = createI18n('en').t;
  const cs = createI18n('cs').t;

  it('translates reason codes (a printer’s reasons, a job’s errorCode) in every language', () => {
    expect(reasonText(en, 'paper_out')).toBe('paper out');
    expect(reasonText(cs, 'paper_out')).toBe('došel papír');
    expect(reasonsText(cs, ['paper_out', 'head_open'])).toBe('došel papír, otevřená hlava');
    expect(reasonText(cs, 'printer_removed')).toBe('tiskárna odebrána');
    expect(reasonText(en, 'unreachable')).toBe('cannot reach the printer');
    for (const code of PRINT_REASONS) {
      expect(reasonText(en, code)).not.toContain('printing.reasons');
      expect(reasonText(cs, code)).not.toBe(reasonText(en, code));
    }
  });

  it('shows the worst state first', () => {
    expect(chipState(READY)).toBe('ready');
    expect(chipState(zebraStatus({ paused: true, paperOut: true }))).toBe('paperOut');
    expect(chipState(zebraStatus({ paused: true, headOpen: true }))).toBe('headOpen');
    expect(chipState(zebraStatus({ paused: true }))).toBe('paused');
    expect(chipState(zebraStatus({ reachable: false }))).toBe('unreachable');
    expect(chipState({ ...READY, ready: false, reasons: ['buffer_full'] })).toBe('problem');
  });
});

describe('job list', () => {
  const job = (id: string, createdAt: number, updatedAt = createdAt, status: PrintJobInfo['status'] = 'queued'): PrintJobInfo => ({
    id,
    stationId: 's',
    printerId: 'p',
    kind: 'test',
    format: 'zpl',
    title: id,
    status,
    attempts: 0,
    nextAttemptAt: null,
    errorCode: null,
    errorDetail: null,
    reprintOf: null,
    orderId: null,
    parcelId: null,
    createdAt,
    updatedAt,
    payloadBytes: 1,
  });

  it('keeps newest first, replaces by id, ignores older copies, and caps the length', () => {
    let list = [job('a', 1), job('b', 2)].reverse();
    list = upsertJob(list, job('c', 3));
    expect(list.map((j) => j.id)).toEqual(['c', 'b', 'a']);
    list = upsertJob(list, job('a', 1, 10, 'done'));
    expect(list.find((j) => j.id === 'a')!.status).toBe('done');
    list = upsertJob(list, job('a', 1, 5, 'queued'));
    expect(list.find((j) => j.id === 'a')!.status).toBe('done');
    expect(upsertJob(list, job('d', 4), 3).map((j) => j.id)).toEqual(['d', 'c', 'b']);
  });
});
