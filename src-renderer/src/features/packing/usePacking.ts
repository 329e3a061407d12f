// The Pack screen's state and actions. Scans go to core one after another, in the order they
// were taken (10 a second are taken exactly): each carries the shipment the previous one left
// open. Every answer sets the shipment and the feedback, with the success or error sound.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PackResultCode, PackShipment } from '../../../../src-preload/contract';
import { RpcError } from '../../api/client';
import { useApi, useSound } from '../../app/context';

export interface PackFeedback {
  ok: boolean;
  code: PackResultCode;
  /** What the scan or step was about (for the message). */
  raw: string;
  name: string | null;
  sku: string | null;
  /** Increases with every answer, so the same message twice still flashes. */
  seq: number;
}

/** The refusal code of a failed step (CONFLICT/NOT_FOUND details `{reason}`), or null. */
function reasonOf(e: unknown): PackResultCode | null {
  if (!(e instanceof RpcError)) return null;
  const reason = (e.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? (reason as PackResultCode) : null;
}

export function usePacking() {
  const api = useApi();
  const play = useSound();
  const [shipment, setShipmentState] = useState<PackShipment | null>(null);
  const [feedback, setFeedback] = useState<PackFeedback | null>(null);
  const [lineId, setLineId] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(0);
  // the open shipment changed elsewhere while own steps ran: read it again once they are done
  const stale = useRef(false);
  const rereadQueued = useRef(false);
  const seq = useRef(0);

  const setShipment = useCallback((s: PackShipment | null) => {
    current.current = s?.id ?? null;
    setShipmentState(s);
  }, []);

  const say = useCallback(
    (ok: boolean, code: PackResultCode, about: { raw?: string; name?: string | null; sku?: string | null } = {}) => {
      play(ok ? 'success' : 'error');
      setFeedback({ ok, code, raw: about.raw ?? '', name: about.name ?? null, sku: about.sku ?? null, seq: ++seq.current });
    },
    [play],
  );

  /**
   * The open shipment read again, in the queue after the steps taken so far (never overtaking a
   * scan); dropped if another step was queued meanwhile (its answer is newer) or the shipment changed.
   */
  const reread = useCallback(() => {
    stale.current = false;
    if (rereadQueued.current) return; // the read waiting its turn serves this announcement too
    rereadQueued.current = true;
    queue.current = queue.current.then(async () => {
      rereadQueued.current = false;
      const id = current.current;
      if (!id) return;
      const s = await api.call('packing.shipment', { shipmentId: id }).catch(() => null);
      if (s && inFlight.current === 0 && current.current === s.id) setShipmentState(s);
    });
  }, [api]);

  /** Runs `step` after every earlier scan and step, so they reach core in order. */
  const serial = useCallback(
    <T,>(step: () => Promise<T>): Promise<T | undefined> => {
      inFlight.current++;
      const run = queue.current.then(step).finally(() => {
        if (--inFlight.current === 0 && stale.current) reread();
      });
      queue.current = run.catch(() => undefined);
      return run.catch(() => undefined);
    },
    [reread],
  );

  /** A step refused by core says why in the feedback; anything else too, as generic. */
  const failed = useCallback(
    (e: unknown, raw: string) => {
      const reason = reasonOf(e);
      say(false, reason ?? 'unknown_command', { raw });
      if (!reason) console.warn('pack step failed', e);
    },
    [say],
  );

  const scan = useCallback(
    (code: string) =>
      serial(async () => {
        try {
          const r = await api.call('packing.scan', { code, shipmentId: current.current });
          if (r.code === 'closed_view') setShipment(null);
          else if (r.shipment) setShipment(r.shipment);
          setLineId(r.lineId);
          const name = r.code === 'shipment_opened' ? (r.shipment?.orderNumber ?? null) : r.name;
          say(r.ok, r.code, { raw: r.raw, name, sku: r.sku });
        } catch (e) {
          failed(e, code);
        }
      }),
    [api, serial, say, failed, setShipment],
  );

  /** A keyboard step on the open shipment: its answer is the new shipment (or a close result). */
  const step = useCallback(
    (raw: string, call: (shipmentId: string) => Promise<PackShipment>, ok: PackResultCode) =>
      serial(async () => {
        const id = current.current;
        if (!id) return say(false, 'no_shipment', { raw });
        try {
          setShipment(await call(id));
          say(true, ok, { raw });
        } catch (e) {
          failed(e, raw);
        }
      }),
    [serial, say, failed, setShipment],
  );

  const newParcel = useCallback(() => step('NEWPARCEL', (shipmentId) => api.call('packing.openParcel', { shipmentId }), 'parcel_opened'), [api, step]);

  const closeParcel = useCallback(
    () =>
      serial(async () => {
        const id = current.current;
        if (!id) return say(false, 'no_shipment', { raw: 'DONE' });
        try {
          const s = await api.call('packing.shipment', { shipmentId: id });
          if (!s.currentParcelId) return say(false, 'no_open_parcel', { raw: 'DONE' });
          const r = await api.call('packing.closeParcel', { parcelId: s.currentParcelId });
          setShipment(r.shipment);
          // closed, but our label could not be queued (no label printer): the packer must act
          if (r.labelSource === 'own' && !r.labelJob) say(false, 'printer_missing', { raw: 'DONE' });
          else say(true, 'parcel_closed', { raw: 'DONE' });
        } catch (e) {
          failed(e, 'DONE');
        }
      }),
    [api, serial, say, failed, setShipment],
  );

  /** The weight of an open parcel: the one given (any open parcel of the shipment), else the current one. */
  const setWeight = useCallback(
    (grams: number, source: 'typed' | 'scale' = 'typed', parcelId?: string) =>
      step(
        'WEIGHT',
        async (shipmentId) => {
          if (parcelId) return api.call('packing.setWeight', { parcelId, grams, source });
          const s = await api.call('packing.shipment', { shipmentId });
          if (!s.currentParcelId) throw new RpcError({ code: 'CONFLICT', message: 'no parcel', details: { reason: 'no_open_parcel' } });
          return api.call('packing.setWeight', { parcelId: s.currentParcelId, grams, source });
        },
        'weight_set',
      ).then(() => undefined),
    [api, step],
  );

  /** Takes the last verified item back out of its parcel (F11 / CMD:UNDO; refusals answer as a scan does). */
  const undo = useCallback(
    () =>
      serial(async () => {
        const id = current.current;
        if (!id) return say(false, 'no_shipment', { raw: 'UNDO' });
        try {
          const r = await api.call('packing.undo', { shipmentId: id });
          if (r.shipment) setShipment(r.shipment);
          setLineId(r.lineId);
          say(r.ok, r.code, { raw: r.raw, name: r.name, sku: r.sku });
        } catch (e) {
          failed(e, 'UNDO');
        }
      }),
    [api, serial, say, failed, setShipment],
  );

  const moveItem = useCallback(
    (lineId: string, fromParcelId: string, toParcelId: string) =>
      step('MOVE', (shipmentId) => api.call('packing.moveItem', { shipmentId, lineId, fromParcelId, toParcelId, quantity: 1 }), 'item_moved'),
    [api, step],
  );

  const reprint = useCallback(
    () =>
      serial(async () => {
        try {
          await api.call('packing.reprint', {});
          say(true, 'reprinted', { raw: 'REPRINT' });
        } catch (e) {
          failed(e, 'REPRINT');
        }
      }),
    [api, serial, say, failed],
  );

  /** After a supervisor's override (the dialog made the call). */
  const overridden = useCallback(
    (s: PackShipment) => {
      setShipment(s);
      say(true, 'override_given');
    },
    [setShipment, say],
  );

  // Another window, a label that arrived, a pull that changed it (another station): follow the open
  // shipment — at once when idle, else once own steps are done (they announce themselves too).
  useEffect(
    () =>
      api.on('packing.changed', ({ shipmentId }) => {
        if (shipmentId !== current.current) return;
        if (inFlight.current > 0) stale.current = true;
        else reread();
      }),
    [api, reread],
  );

  return { shipment, feedback, lineId, scan, newParcel, closeParcel, setWeight, moveItem, reprint, overridden, undo };
}
