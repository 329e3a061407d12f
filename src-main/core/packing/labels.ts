// Dockside's own documents for a packed shipment, as printing template requests (pure): the ZPL
// shipping label of one parcel (printed when Afosto's carrier label cannot come: offline, or the
// station is set to its own labels) and the packing slip with the last parcel.
import type { PackSettings, PackShipment, PrintRequest } from '../../../src-preload/contract';
import type { ShipmentHead } from './repo';

type Address = { name: string; company?: string; lines: string[]; postalCode: string; city: string; country: string; phone?: string };

export const DEFAULT_SHIP_FROM: PackSettings['shipFrom'] = { name: 'Dockside', lines: [], postalCode: '', city: '', country: '' };

/**
 * The order's ship-to as the store has it: orders.ship_to may hold a JSON address (the shape the
 * printing templates take) or plain text (one line per row); without either, the customer's name.
 */
export function shipToOf(h: ShipmentHead): Address {
  const name = h.customerName ?? h.companyName ?? h.orderNumber;
  const base: Address = { name, lines: [], postalCode: '', city: '', country: '', ...(h.companyName && h.companyName !== name ? { company: h.companyName } : {}), ...(h.phone ? { phone: h.phone } : {}) };
  if (!h.shipTo) return base;
  try {
    const a = JSON.parse(h.shipTo) as Partial<Address>;
    if (a && typeof a === 'object') {
      return {
        ...base,
        ...(typeof a.name === 'string' && a.name ? { name: a.name } : {}),
        lines: Array.isArray(a.lines) ? a.lines.filter((l): l is string => typeof l === 'string').slice(0, 4) : [],
        postalCode: typeof a.postalCode === 'string' ? a.postalCode : '',
        city: typeof a.city === 'string' ? a.city : '',
        country: typeof a.country === 'string' ? a.country : '',
      };
    }
  } catch {
    /* plain text below */
  }
  return { ...base, lines: h.shipTo.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 4) };
}

/** Printable ASCII only (Code 128): the parcel's own reference when no carrier tracking number exists yet. */
export function ownTrackingNumber(orderNumber: string, seq: number): string {
  const clean = orderNumber.replace(/[^\x20-\x7e]/g, '').slice(0, 40) || 'PARCEL';
  return `${clean}-${seq}`;
}

/** Afosto gives a shipment only its method's id (a uuid; methods are not pulled): never print an id as a carrier name. */
const methodName = (method: string | null | undefined): string | undefined =>
  method && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(method) ? method : undefined;

export function shippingLabelRequest(s: PackShipment, head: ShipmentHead, parcelId: string, shipFrom: PackSettings['shipFrom'], lang: 'en' | 'cs'): PrintRequest {
  const parcel = s.parcels.find((p) => p.id === parcelId);
  if (!parcel) throw new Error(`parcel ${parcelId} is not in shipment ${s.id}`);
  const seqs = s.parcels.map((p) => p.id);
  return {
    printerRole: 'label',
    orderId: s.orderId,
    parcelId,
    request: {
      template: 'shipping',
      data: {
        lang,
        orderNumber: s.orderNumber.slice(0, 40),
        parcel: { index: seqs.indexOf(parcelId) + 1, count: seqs.length },
        ...(parcel.weightGrams ? { weightKg: parcel.weightGrams / 1000 } : {}),
        carrier: (s.carrier ?? methodName(s.method) ?? 'Dockside').slice(0, 40),
        ...(methodName(s.method) ? { method: methodName(s.method)!.slice(0, 60) } : {}),
        trackingNumber: parcel.trackingNumber && /^[\x20-\x7e]{1,48}$/.test(parcel.trackingNumber) ? parcel.trackingNumber : ownTrackingNumber(s.orderNumber, parcel.seq),
        shipFrom,
        shipTo: shipToOf(head),
        reference: `Dockside ${s.orderNumber} #${parcel.seq}`.slice(0, 60),
      },
    },
  };
}

export function packingSlipRequest(s: PackShipment, head: ShipmentHead, shipFrom: PackSettings['shipFrom'], lang: 'en' | 'cs'): PrintRequest {
  return {
    printerRole: 'slip',
    orderId: s.orderId,
    request: {
      template: 'packing-slip',
      data: {
        lang,
        orderNumber: s.orderNumber.slice(0, 40),
        shipFrom,
        shipTo: shipToOf(head),
        items: s.lines.map((l) => ({ sku: l.sku.slice(0, 60) || '?', description: l.name.slice(0, 300), quantity: l.verified, quantityOrdered: l.expected })),
      },
    },
  };
}
