/** Spooler: print hubs, their printers and a handful of historical print jobs (fixed tables). */
import { ANCHOR_MS, iso, shortHash, uuidFor } from '../ids';
import type { Json } from './json';

export const HUBS = [
  { name: 'Hub balení Praha', description: 'Balicí linka 1–3' },
  { name: 'Hub kancelář', description: 'Kancelář a výdej' },
];

export function afostoHub(seed: number, i: number): Json {
  const h = HUBS[i]!;
  const t = iso(ANCHOR_MS - 300 * 86400_000);
  return {
    id: uuidFor(seed, 'hub', i),
    uuid: uuidFor(seed, 'hub', 100 + i),
    name: h.name,
    description: h.description,
    properties: [{ key: 'site', value: 'Praha-Hostivař' }],
    status: 'online',
    status_updated_at: iso(ANCHOR_MS),
    disabled_at: null,
    pubnub: { tokens: [{ key: `sub-c-${shortHash(`hub${i}`)}`, expires_at: iso(ANCHOR_MS + 365 * 86400_000) }] },
    integration: { id: uuidFor(seed, 'hub', 200 + i) },
    os_file_id: null,
    created_at: t,
    updated_at: t,
  };
}

export const PRINTERS: readonly { name: string; hub: number; encoding: 'zpl' | 'escpos' | 'pcl'; address: string; iface: 'usb' | 'ethernet' }[] = [
  { name: 'Zebra ZD421 – balení 1', hub: 0, encoding: 'zpl', address: '192.168.10.21', iface: 'ethernet' },
  { name: 'Zebra ZD421 – balení 2', hub: 0, encoding: 'zpl', address: '192.168.10.22', iface: 'ethernet' },
  { name: 'Epson TM-T20 – výdej', hub: 0, encoding: 'escpos', address: '/dev/usb/lp0', iface: 'usb' },
  { name: 'HP LaserJet – kancelář', hub: 1, encoding: 'pcl', address: '192.168.10.40', iface: 'ethernet' },
];

export function afostoPrinter(seed: number, i: number): Json {
  const p = PRINTERS[i]!;
  const t = iso(ANCHOR_MS - 200 * 86400_000);
  return {
    id: uuidFor(seed, 'printer', i),
    name: p.name,
    hub_id: uuidFor(seed, 'hub', p.hub),
    default_encoding: p.encoding,
    connection: { interface: p.iface, address: p.address },
    settings: p.encoding === 'zpl' ? { dpi: 203, width_mm: 102, height_mm: 152 } : {},
    inbox_id: null,
    disabled_at: null,
    created_at: t,
    updated_at: t,
  };
}

/** Historical print jobs (a fixed handful, all printed). */
export const JOB_COUNT = 12;
export function afostoJob(seed: number, i: number): Json {
  const parcelOrder = i * 4 + 1;
  const t = iso(ANCHOR_MS + i * 600_000);
  return {
    id: uuidFor(seed, 'job', i),
    job: `^XA^FO40,40^A0N,40,40^FDDemo label ${i + 1}^FS^XZ`,
    tag: i % 3 === 2 ? 'slip' : 'label',
    description: `Label ODR-${10000000 + parcelOrder + 1}`,
    artifact: null,
    reference: uuidFor(seed, 'parcel', parcelOrder),
    status: 'printed',
    hub_id: uuidFor(seed, 'hub', 0),
    schedule_at: t,
    printed_at: t,
    created_at: t,
    updated_at: t,
  };
}
