// Afosto response shapes, written from the reference (seed 002) and its digest, not from the
// simulator. The seed marks no field required and its examples are type placeholders, so: what
// Dockside reads (ids, the unit/item lists, flags it acts on) is required; everything else is
// optional and unknown fields pass through. Ids are opaque strings (uuid-typed fields hold non-uuids).
import { z } from 'zod';

const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();
const optInt = z.number().nullish();
/** Timestamps are `string (date-time)` with no stated format: kept as given. */
const optTime = z.string().nullish();

// ---- auth / errors -------------------------------------------------------------------------

/** IamAccessToken (`POST /iam/oauth/authorize`, `GET /iam/jwt/extend`). */
export const accessTokenSchema = z.looseObject({
  token_type: optStr,
  // typed "integer"; tolerate a numeric string like UCS does
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  access_token: str.min(1),
  refresh_token: optStr,
});
export type AccessToken = z.infer<typeof accessTokenSchema>;

/** The one error body every endpoint documents. */
export const errorBodySchema = z.looseObject({
  code: z.union([z.number(), z.string()]).nullish(),
  message: optStr,
  reference: optStr,
  errors: z
    .looseObject({
      'invalid value': z.array(z.string()).nullish(),
      required: z.array(z.string()).nullish(),
    })
    .nullish(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---- orders --------------------------------------------------------------------------------

export const orderSchema = z.looseObject({
  id: str,
  number: str,
  state: z
    .looseObject({
      is_locked: optBool,
      is_accepted: optBool,
      is_confirmed: optBool,
      is_finished: optBool,
      is_canceled: optBool,
      type: optStr,
      progress: z.looseObject({ allocation: optStr, fulfilment: optStr, billing: optStr }).nullish(),
    })
    .nullish(),
  settings: z
    .looseObject({
      contact: z.looseObject({ id: optStr, version: optStr }).nullish(),
      phone_number_id: optStr,
      due_at: optStr,
      shipping: z.looseObject({ address_id: optStr, method_id: optStr }).nullish(),
    })
    .nullish(),
  channel_id: optStr,
  tags: z.array(z.string()).nullish(),
  type: optStr,
  created_at: optTime,
  updated_at: optTime,
});
export type Order = z.infer<typeof orderSchema>;

const orderGroupRefSchema = z.looseObject({
  id: optStr,
  is_inbound: optBool,
  is_backordered: optBool,
  is_unavailable: optBool,
  warehouse: z.looseObject({ claim_id: optStr, transfer_id: optStr }).nullish(),
  shipments: z.array(z.looseObject({ id: str, is_inbound: optBool, is_missing: optBool })).nullish(),
});

/** OdrGroup: one line per SKU with the unit ids (`GET /odr/orders/{id}/items`). */
export const orderGroupSchema = z.looseObject({
  sku: str,
  reference: optStr,
  description: optStr,
  quantity: z.number(),
  ids: z.array(str),
  references: z.looseObject({ orders: z.array(orderGroupRefSchema).nullish() }).nullish(),
});
export type OrderGroup = z.infer<typeof orderGroupSchema>;

// ---- lcs -----------------------------------------------------------------------------------

const serviceOptionSchema = z.looseObject({
  option: optStr,
  configuration: z.array(z.looseObject({ key: optStr, value: z.unknown() })).nullish(),
});

/** LcsShipmentItem: one unit. */
export const shipmentItemSchema = z.looseObject({
  id: str,
  reference: optStr,
  sku: str,
  position: optStr,
  order_item_id: optStr,
  claim_item_id: optStr,
  description: optStr,
  is_listed: optBool,
  is_handled: optBool,
  is_boxed: optBool,
  is_in_transit: optBool,
  is_finished: optBool,
  is_missing: optBool,
  hs_code: optStr,
  service: z.array(serviceOptionSchema).nullish(),
});
export type ShipmentItem = z.infer<typeof shipmentItemSchema>;

/** LcsShipmentItemCorrection (backorders / overage lines). */
export const correctionSchema = z.looseObject({ sku: str, quantity: z.number(), description: optStr, position: optStr });
export type Correction = z.infer<typeof correctionSchema>;

const addressingEndSchema = z.looseObject({
  entity_type: optStr,
  entity_id: optStr,
  carrier: z.looseObject({ is_carrier_location: optBool, carrier_location_reference: optStr }).nullish(),
});

/** LcsParcelLabel: present once a label was requested. */
export const parcelLabelSchema = z.looseObject({ file_id: optStr, reference: optStr, label_text: optStr, requested_at: optTime });

/** LcsParcelItem. */
export const parcelItemSchema = z.looseObject({ id: str, sku: optStr, quantity: optInt, description: optStr });

/** LcsParcel. */
export const parcelSchema = z.looseObject({
  id: str,
  number: optStr,
  weight: optInt,
  length: optInt,
  width: optInt,
  height: optInt,
  tracking_code: optStr,
  tracking_url: optStr,
  position: optStr,
  // the document types it as an object; absent before a label is requested
  label: parcelLabelSchema.nullish(),
  shipment_id: optStr,
  count: optInt,
  items: z.array(parcelItemSchema).nullish(),
  is_in_transit: optBool,
  is_delivered: optBool,
  is_outbound: optBool,
  is_finished: optBool,
  file_id: optStr,
  ship_at: optTime,
  in_transit_at: optTime,
  finished_at: optTime,
  created_at: optTime,
  updated_at: optTime,
});
export type Parcel = z.infer<typeof parcelSchema>;

const shipmentHeader = {
  id: str,
  number: optStr,
  type: optStr,
  method_id: optStr,
  contact_id: optStr,
  channel_id: optStr,
  addressing: z.looseObject({ to: addressingEndSchema.nullish(), from: addressingEndSchema.nullish() }).nullish(),
  ship_at: optTime,
  estimated_ship_at: optTime,
  expected_at: optTime,
  is_editable: optBool,
  is_outbound: optBool,
  is_listed: optBool,
  is_complete: optBool,
  is_overcomplete: optBool,
  is_in_transit: optBool,
  is_finished: optBool,
  is_canceled: optBool,
  list_id: optStr,
  created_at: optTime,
  updated_at: optTime,
};

/** LcsListedShipment (`GET /lcs/shipments`): no units, no parcels. */
export const listedShipmentSchema = z.looseObject(shipmentHeader);
export type ListedShipment = z.infer<typeof listedShipmentSchema>;

/** LcsShipment (detail): units, corrections and parcels. */
export const shipmentSchema = z.looseObject({
  ...shipmentHeader,
  order_id: optStr,
  is_handled: optBool,
  is_boxed: optBool,
  is_serviced: optBool,
  is_labeled: optBool,
  items: z.array(shipmentItemSchema),
  backorders: z.array(correctionSchema).nullish(),
  overage: z.array(correctionSchema).nullish(),
  // nested parcels are truncated in the seed (few state fields): read leniently
  parcels: z.array(z.looseObject({ id: str, items: z.array(parcelItemSchema).nullish() })).nullish(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

const listHeader = {
  id: str,
  number: optStr,
  sub: optStr,
  location_id: optStr,
  shipments: z.array(str).nullish(),
  is_outbound: optBool,
  is_in_progress: optBool,
  is_on_hold: optBool,
  is_cancelled: optBool,
  is_finished: optBool,
  started_at: optTime,
  finished_at: optTime,
  due_at: optTime,
  created_at: optTime,
  updated_at: optTime,
};

/** LcsHandlingListItem: grouped by sku/position, with the unit ids. */
export const pickListItemSchema = z.looseObject({
  ids: z.array(str),
  handled_ids: z.array(str).nullish(),
  shipment_id: optStr,
  sku: str,
  description: optStr,
  position: optStr,
  quantity: z.number(),
  sorting_label: optStr,
  rank: optInt,
});
export type PickListItem = z.infer<typeof pickListItemSchema>;

/** LcsListedHandlingList (`GET /lcs/lists`): items are full shipment units. */
export const listedPickListSchema = z.looseObject({ ...listHeader, items: z.array(shipmentItemSchema) });
export type ListedPickList = z.infer<typeof listedPickListSchema>;

/** LcsHandlingList (detail and search): grouped items plus sorting labels. */
export const pickListSchema = z.looseObject({
  ...listHeader,
  items: z.array(pickListItemSchema),
  sorting_labels: z.array(z.looseObject({ shipment_id: optStr, label: optStr })).nullish(),
});
export type PickList = z.infer<typeof pickListSchema>;

/** LcsLocationSku. */
export const locationSkuSchema = z.looseObject({ sku: str, position: optStr, created_at: optTime });
/** LcsLocationPosition. */
export const positionSchema = z.looseObject({
  code: str,
  sorting: z.union([z.number(), z.string()]).nullish(),
  skus: z.array(locationSkuSchema).nullish(),
  created_at: optTime,
});
export type Position = z.infer<typeof positionSchema>;

/** LcsFulfilmentLocation. */
export const locationSchema = z.looseObject({ id: str, name: optStr, reference: optStr, address_id: optStr, is_disabled: optBool });
export type Location = z.infer<typeof locationSchema>;

/** `{success, failed}` counts (parcel items). */
export const successCountSchema = z.looseObject({ success: z.number(), failed: z.number().nullish() });

// ---- tasks / files ---------------------------------------------------------------------------

/** MesTask. */
export const taskSchema = z.looseObject({
  id: str,
  name: optStr,
  description: optStr,
  progress: optInt,
  result: z.unknown(),
  started_at: optTime,
  completed_at: optTime,
  expires_at: optTime,
});
export type Task = z.infer<typeof taskSchema>;

/** CntFile. */
export const fileSchema = z.looseObject({
  id: str,
  filename: optStr,
  mime: optStr,
  url: str,
  type: optStr,
  created_at: optTime,
});
export type FileMeta = z.infer<typeof fileSchema>;
/** `GET /cnt/files/{id}`: the seed's example is an array; accept a bare object too. */
export const fileResponseSchema = z.union([z.array(fileSchema).min(1), fileSchema]).transform((v) => (Array.isArray(v) ? (v[0] as FileMeta) : v));

// ---- catalogue -----------------------------------------------------------------------------

/** A map key (`GET /cat/maps/collections/{id}/keys`): barcode → SKU. */
export const mapKeySchema = z.looseObject({ key: str, value: str, upserted_at: optTime });
export type MapKey = z.infer<typeof mapKeySchema>;
export const mapSearchSchema = z.looseObject({
  hits: z.record(z.string(), z.string()),
  misses: z.array(z.string()).nullish(),
});

// ---- spooler -------------------------------------------------------------------------------

/** SplPrinter. */
export const printerSchema = z.looseObject({
  id: str,
  name: optStr,
  hub_id: optStr,
  default_encoding: optStr,
  connection: z.looseObject({ interface: optStr, address: optStr }).nullish(),
  settings: z.unknown(),
  inbox_id: optStr,
  disabled_at: optTime,
});
export type Printer = z.infer<typeof printerSchema>;

/** SplHub. */
export const hubSchema = z.looseObject({
  id: str,
  uuid: optStr,
  name: optStr,
  description: optStr,
  status: optStr,
  status_updated_at: optTime,
  disabled_at: optTime,
});
export type Hub = z.infer<typeof hubSchema>;

/** `GET /spl/hubs/{id}/status`. */
export const hubStatusSchema = z.looseObject({ is_online: z.boolean(), is_idle: optBool });
export type HubStatus = z.infer<typeof hubStatusSchema>;

/** SplJob. */
export const printJobSchema = z.looseObject({
  id: str,
  job: z.unknown(),
  tag: optStr,
  description: optStr,
  reference: optStr,
  status: optStr,
  hub_id: optStr,
  schedule_at: optTime,
  printed_at: optTime,
  created_at: optTime,
});
export type PrintJob = z.infer<typeof printJobSchema>;

/** A map collection (`GET /cat/maps/collections`). */
export const mapCollectionSchema = z.looseObject({ id: str, last_upsert_at: optTime, last_miss_at: optTime });
export type MapCollection = z.infer<typeof mapCollectionSchema>;
export type LocationSku = z.infer<typeof locationSkuSchema>;

// ---- relations / warehouse -------------------------------------------------------------------

/** RelPhoneNumber. */
export const phoneNumberSchema = z.looseObject({ id: optStr, country_code: optStr, number: optStr, national: optStr, type: optStr });
const phoneListSchema = z.looseObject({ primary: phoneNumberSchema.nullish(), secondary: z.array(phoneNumberSchema).nullish() });

/** RelContact (the seed's examples are truncated after `organisations`: the rest is optional). */
export const contactSchema = z.looseObject({
  id: str,
  version: optStr,
  email: optStr,
  given_name: optStr,
  additional_name: optStr,
  family_name: optStr,
  phone_numbers: phoneListSchema.nullish(),
  created_at: optTime,
  updated_at: optTime,
  deleted_at: optTime,
});
export type Contact = z.infer<typeof contactSchema>;

/** WmsClaim. */
export const claimSchema = z.looseObject({ id: str, location_id: optStr, target: optStr, expires_at: optTime, created_at: optTime, updated_at: optTime });
export type Claim = z.infer<typeof claimSchema>;
