// The Add/Edit printer form as plain data: a draft the fields edit, the printers.save input built
// from it, and the field errors, whether found here (empty, port range) or reported by main in a
// VALIDATION answer's details ({path, message}[]). Pure, so it is tested without a DOM.
import type { HubPrinterChoiceInfo, PrinterInfo, PrinterSaveInput } from '../../../../src-preload/contract';

/** `afosto`: a printer of an Afosto print hub, chosen from the pulled ones (printing.hubPrinters). */
export const PRINTER_TYPES = ['tcp', 'dir', 'os', 'afosto'] as const;
export type PrinterType = (typeof PRINTER_TYPES)[number];
export type PrintFormat = 'zpl' | 'pdf';
export const FORMATS: readonly PrintFormat[] = ['zpl', 'pdf'];
export const DPIS = [203, 300] as const;
export const LABEL_SIZES = ['4x6in', '100x150mm'] as const;
export const DEFAULT_PORT = 9100;

export interface PrinterDraft {
  id?: string;
  type: PrinterType;
  name: string;
  host: string;
  port: string;
  path: string;
  osName: string;
  /** The chosen hub printer's afosto:HUB/PRINTER URI; '' until one is chosen. */
  hubUri: string;
  dpi: (typeof DPIS)[number];
  labelSize: (typeof LABEL_SIZES)[number];
  formats: PrintFormat[];
  /** Network printers only: never ask ~HS (a ZPL-compatible printer that does not answer it). */
  skipStatus: boolean;
}

export type DraftField = 'name' | 'host' | 'port' | 'path' | 'osName' | 'hub' | 'dpi' | 'labelSize' | 'formats';
/** Each value is a key under settings.printers.errors. */
export type DraftErrors = Partial<Record<DraftField | 'form', DraftErrorKey>>;
export const DRAFT_ERROR_KEYS = [
  'nameRequired',
  'nameInvalid',
  'hostRequired',
  'hostInvalid',
  'portInvalid',
  'pathRequired',
  'pathInvalid',
  'osNameInvalid',
  'hubRequired',
  'hubInvalid',
  'formatsRequired',
  'invalid',
] as const;
export type DraftErrorKey = (typeof DRAFT_ERROR_KEYS)[number];

/** What each kind of printer accepts unless told otherwise (the same defaults main applies). */
export const DEFAULT_FORMATS: Record<PrinterType, PrintFormat[]> = { tcp: ['zpl'], dir: ['zpl', 'pdf'], os: ['pdf'], afosto: ['zpl'] };

export function emptyDraft(): PrinterDraft {
  return { type: 'tcp', name: '', host: '', port: String(DEFAULT_PORT), path: '', osName: '', hubUri: '', dpi: 203, labelSize: '4x6in', formats: [...DEFAULT_FORMATS.tcp], skipStatus: false };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Switch the type; formats follow the new type's defaults unless the user had changed them. A hub
 * printer takes ZPL only (a hub encodes escpos | zpl | pcl, never PDF): its formats are not a choice.
 */
export function withType(d: PrinterDraft, type: PrinterType): PrinterDraft {
  const keep = d.type !== 'afosto' && type !== 'afosto' && !sameSet(d.formats, DEFAULT_FORMATS[d.type]);
  return { ...d, type, formats: keep ? d.formats : [...DEFAULT_FORMATS[type]] };
}

const NAME_MAX = 80;

/** Pick a hub printer; the name follows the choice unless the user typed a name of their own. */
export function withHubChoice(d: PrinterDraft, uri: string, choices: readonly HubPrinterChoiceInfo[]): PrinterDraft {
  const before = choices.find((c) => c.uri === d.hubUri);
  const next = choices.find((c) => c.uri === uri);
  const ownName = d.name.trim() !== '' && d.name !== before?.name.slice(0, NAME_MAX);
  return { ...d, hubUri: uri, name: ownName || !next ? d.name : next.name.slice(0, NAME_MAX) };
}

export function toggleFormat(d: PrinterDraft, f: PrintFormat, on: boolean): PrinterDraft {
  const formats = FORMATS.filter((x) => (x === f ? on : d.formats.includes(x)));
  return { ...d, formats };
}

const TCP_URI = /^tcp:\/\/([^\s/:]+)(?::(\d{1,5}))?\/?$/;

/** A draft for editing a saved printer. */
export function draftFromPrinter(p: PrinterInfo): PrinterDraft {
  const base = { id: p.id, name: p.name, host: '', port: String(DEFAULT_PORT), path: '', osName: '', hubUri: '', dpi: p.options.dpi, labelSize: p.options.labelSize, formats: [...p.options.formats], skipStatus: p.options.skipStatus };
  if (p.kind === 'tcp') {
    const m = TCP_URI.exec(p.uri);
    return { ...base, type: 'tcp', host: m?.[1] ?? '', port: m?.[2] ?? String(DEFAULT_PORT) };
  }
  if (p.kind === 'dir') return { ...base, type: 'dir', path: p.uri.slice('dir:'.length) };
  if (p.kind === 'os') return { ...base, type: 'os', osName: p.uri.slice('os:'.length) };
  return { ...base, type: 'afosto', hubUri: p.uri };
}

export function draftUri(d: PrinterDraft): string {
  if (d.type === 'tcp') return `tcp://${d.host.trim()}:${d.port.trim()}`;
  if (d.type === 'dir') return `dir:${d.path.trim()}`;
  if (d.type === 'afosto') return d.hubUri;
  return `os:${d.osName.trim()}`;
}

export function toSaveInput(d: PrinterDraft): PrinterSaveInput {
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name.trim(),
    uri: draftUri(d),
    // skipStatus only means something for a network printer; other kinds leave it as it was.
    options: { dpi: d.dpi, labelSize: d.labelSize, formats: d.type === 'afosto' ? [...DEFAULT_FORMATS.afosto] : [...d.formats], ...(d.type === 'tcp' ? { skipStatus: d.skipStatus } : {}) },
  };
}

/** What can be told before asking main. Everything else (host syntax, lengths) main's schema decides. */
export function checkDraft(d: PrinterDraft): DraftErrors {
  const e: DraftErrors = {};
  if (!d.name.trim()) e.name = 'nameRequired';
  if (d.type === 'tcp') {
    if (!d.host.trim()) e.host = 'hostRequired';
    const port = d.port.trim();
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) e.port = 'portInvalid';
  }
  if (d.type === 'dir' && !d.path.trim()) e.path = 'pathRequired';
  if (d.type === 'afosto' && !d.hubUri) e.hub = 'hubRequired';
  if (d.formats.length === 0) e.formats = 'formatsRequired';
  return e;
}

interface Issue {
  path: string;
  message: string;
}
const isIssue = (x: unknown): x is Issue =>
  typeof x === 'object' && x !== null && typeof (x as Issue).path === 'string' && typeof (x as Issue).message === 'string';

/** Field errors from a VALIDATION answer's details; every issue lands somewhere, at worst on the form. */
export function errorsFromIssues(details: unknown, type: PrinterType): DraftErrors {
  const issues = Array.isArray(details) ? details.filter(isIssue) : [];
  const e: DraftErrors = {};
  const uriField: DraftField = type === 'tcp' ? 'host' : type === 'dir' ? 'path' : type === 'afosto' ? 'hub' : 'osName';
  const uriError: DraftErrorKey = type === 'tcp' ? 'hostInvalid' : type === 'dir' ? 'pathInvalid' : type === 'afosto' ? 'hubInvalid' : 'osNameInvalid';
  for (const { path } of issues) {
    if (path === 'name') e.name ??= 'nameInvalid';
    else if (path === 'uri') e[uriField] ??= uriError;
    else if (path.startsWith('options.formats')) e.formats ??= 'formatsRequired';
    else if (path === 'options.dpi') e.dpi ??= 'invalid';
    else if (path === 'options.labelSize') e.labelSize ??= 'invalid';
    else e.form ??= 'invalid';
  }
  if (Object.keys(e).length === 0) e.form = 'invalid';
  return e;
}
