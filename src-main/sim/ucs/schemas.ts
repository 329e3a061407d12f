/** Request bodies the UCS simulator validates. */
import { z } from 'zod';

export const ContactSchema = z.object({ id: z.number().int().optional(), type: z.number().int().min(0).max(3), contact: z.string(), label: z.string().nullable().optional() });
export const PersonSchema = z.looseObject({
  group_id: z.number().int().optional(),
  displayname: z.string().nullable().optional(),
  firstname: z.string().nullable().optional(),
  lastname: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  external_id: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  contacts: z.array(ContactSchema).optional(),
});
export const CompanySchema = z.looseObject({
  group_id: z.number().int().optional(),
  name: z.string().nullable().optional(),
  external_id: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  persons: z.array(z.object({ person_id: z.number().int(), role: z.string().nullable().optional() })).optional(),
});
export const MembershipSchema = z.array(
  z.object({
    id: z.number().int().optional(),
    external_id: z.string().optional(),
    queues: z.array(z.object({ id: z.number().int(), priority: z.number().int().optional(), suspended: z.boolean().optional() })),
  }),
);
