/** Request bodies of the Afosto API the simulator validates (as the API reference defines them). */
import { z } from 'zod';

export const Constraint = z.object({ key: z.string(), operator: z.string().default('in'), values: z.array(z.unknown()).optional(), value: z.array(z.unknown()).optional() });
export const SearchBody = z.object({ constraints: z.array(Constraint).default([]) });
export const TokenBody = z.object({ client_id: z.string(), client_secret: z.string().optional(), grant_type: z.string(), scope: z.string().optional(), refresh_token: z.string().optional() });
export const ListCreate = z.object({ shipments: z.array(z.object({ id: z.string(), label: z.string().optional() })).min(1), due_at: z.string().optional() });
export const ListItemUpdate = z.array(z.object({ id: z.string(), is_handled: z.boolean().optional(), is_serviced: z.boolean().optional(), is_finished: z.boolean().optional(), position: z.string().optional(), lot_number: z.string().optional(), expires_at: z.string().optional() }));
export const ListState = z.object({ is_on_hold: z.boolean().optional(), sub: z.string().optional() });
export const Correction = z.array(z.object({ sku: z.string(), quantity: z.number().int(), description: z.string().optional(), position: z.string().optional() }));
export const Missing = z.array(z.object({ id: z.string(), is_missing: z.boolean() }));
export const Addressing = z.object({ entity_type: z.enum(['address', 'location']), entity_id: z.string(), carrier: z.object({ is_carrier_location: z.boolean().optional(), carrier_location_reference: z.string().optional() }).optional() });
export const ShipmentCreate = z.object({
  addressing: z.object({ to: Addressing, from: Addressing }),
  is_outbound: z.boolean().optional(),
  type: z.enum(['delivery', 'collect', 'internal']).optional(),
  items: z.array(z.object({ sku: z.string(), reference: z.string().optional(), position: z.string().optional(), quantity: z.number().int().min(1), description: z.string().optional(), hs_code: z.string().optional(), service: z.array(z.unknown()).optional(), references: z.array(z.object({ order_item_id: z.string().optional(), claim_item_id: z.string().optional() })).optional() })).default([]),
  backorders: Correction.optional(),
  overage: Correction.optional(),
  expected_at: z.string().optional(),
  ship_at: z.string().optional(),
  estimated_ship_at: z.string().optional(),
  method_id: z.string().optional(),
  contact_id: z.string().optional(),
  channel_id: z.string().optional(),
  order_id: z.string().optional(),
  prior_shipments: z.array(z.string()).optional(),
});
export const ShipmentUpdate = z.object({ type: z.enum(['delivery', 'collect', 'internal']).optional(), method_id: z.string().optional(), addressing: z.object({ to: Addressing.optional(), from: Addressing.optional() }).optional(), prior_shipments: z.array(z.string()).optional(), expected_at: z.string().optional(), ship_at: z.string().optional() });
export const ParcelCreate = z.object({ shipment_id: z.string(), weight: z.number().int().min(0).optional(), length: z.number().int().min(0).optional(), width: z.number().int().min(0).optional(), height: z.number().int().min(0).optional(), tracking_code: z.string().optional(), tracking_url: z.string().optional(), item_ids: z.array(z.string()).optional() });
export const ParcelUpdate = z.object({ weight: z.number().int().min(0).optional(), length: z.number().int().min(0).optional(), width: z.number().int().min(0).optional(), height: z.number().int().min(0).optional(), ship_at: z.string().optional(), tracking_code: z.string().optional(), tracking_url: z.string().optional(), position: z.string().optional() });
export const Ids = z.object({ ids: z.array(z.string()) });
export const PrinterModel = z.object({ name: z.string(), hub_id: z.string(), default_encoding: z.enum(['escpos', 'zpl', 'pcl']).default('escpos'), timezone: z.string().optional(), connection: z.object({ interface: z.enum(['usb', 'ethernet']), address: z.string() }), settings: z.record(z.string(), z.unknown()).optional() });
export const JobModel = z.object({ job: z.string(), tag: z.string().optional(), description: z.string().optional(), reference: z.string().optional(), hub_id: z.string(), schedule_at: z.string().optional() });
export const JobStatus = z.object({ status: z.enum(['scheduled', 'pending', 'received', 'printed', 'success', 'failed', 'cancelled']), changed_at: z.string().optional() });
export const StockPut = z.object({ location_id: z.string(), items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(0), position: z.string().optional(), lot_number: z.string().optional(), expires_at: z.string().optional() })) });
export const ClaimCreate = z.object({ location_id: z.string(), expires_at: z.string().optional(), reference: z.string().optional() });
export const OrderCreate = z.object({ processing: z.record(z.string(), z.string()).optional(), settings: z.record(z.string(), z.unknown()).optional(), client_id: z.string().optional(), channel_id: z.string().optional(), tags: z.array(z.string()).optional(), type: z.string().optional(), metadata: z.record(z.string(), z.unknown()).optional() });
export const ContactUpsert = z.looseObject({ email: z.string(), is_guest: z.boolean().optional(), given_name: z.string().optional(), family_name: z.string().optional(), additional_name: z.string().optional(), tags: z.array(z.string()).optional(), metadata: z.record(z.string(), z.unknown()).optional(), phone_numbers: z.object({ primary: z.string().nullable().optional(), secondary: z.array(z.string()).optional() }).optional(), shipping: z.object({ primary: z.string().nullable().optional(), secondary: z.array(z.string()).optional() }).optional(), billing: z.object({ primary: z.string().nullable().optional(), secondary: z.array(z.string()).optional() }).optional() });
export const PhoneCreate = z.object({ country_code: z.string().length(2), number: z.string().min(3) });
export const AddressCreate = z.looseObject({ country_code: z.string().length(2), locality: z.string().optional(), postal_code: z.string().optional(), address_line_1: z.string().optional(), thoroughfare: z.string().optional(), premise_number: z.number().int().optional(), given_name: z.string().optional(), family_name: z.string().optional() });
export const MapKeys = z.array(z.object({ key: z.string(), value: z.string() }));
