// Printer URIs → drivers. tcp://host:port | dir:/path | os:Name | afosto:hubId/printerId
import type { OsPrintPort } from '../../platform/ports';
import { AfostoHubPrinter, type AfostoSpoolerPort } from './afostoHub';
import { FolderPrinter } from './folder';
import { OsPrinter } from './os';
import { TcpZebraPrinter } from './tcp9100';
import type { Printer } from './types';

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'dir'; path: string }
  | { kind: 'os'; name: string }
  | { kind: 'afosto'; hubId: string; printerId: string };

export function parsePrinterUri(uri: string): PrinterAddress {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^\s/:]+)(?::(\d{1,5}))?\/?$/.exec(uri);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (port < 1 || port > 65535) throw new Error(`bad port in ${uri}`);
    return { kind: 'tcp', host: (tcp[1] ?? '').replace(/^\[|\]$/g, ''), port };
  }
  if (uri.startsWith('dir:') && uri.length > 4) return { kind: 'dir', path: uri.slice(4) };
  if (uri.startsWith('os:')) return { kind: 'os', name: uri.slice(3) };
  const af = /^afosto:([^/\s]+)\/([^/\s]+)$/.exec(uri);
  if (af) return { kind: 'afosto', hubId: af[1] ?? '', printerId: af[2] ?? '' };
  throw new Error(`unknown printer address "${uri}" (use tcp://host:port, dir:PATH, os:NAME or afosto:HUB/PRINTER)`);
}

export interface DriverDeps {
  osPort?: OsPrintPort;
  afostoPort?: AfostoSpoolerPort;
}

export interface DriverOptions {
  connectTimeoutMs?: number;
  ioTimeoutMs?: number;
  skipStatus?: boolean;
}

export function createPrinter(uri: string, deps: DriverDeps = {}, opts: DriverOptions = {}): Printer {
  const a = parsePrinterUri(uri);
  switch (a.kind) {
    case 'tcp':
      return new TcpZebraPrinter({ host: a.host, port: a.port, ...opts });
    case 'dir':
      return new FolderPrinter(a.path);
    case 'os':
      return new OsPrinter(deps.osPort, a.name);
    case 'afosto':
      return new AfostoHubPrinter(deps.afostoPort, a.hubId, a.printerId);
  }
}
