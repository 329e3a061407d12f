// evidence.*: photos of an open parcel, taken at the pack bench as proof of what went in. Kept with
// the parcel on this station. Not uploaded: Afosto's files API stores a file (POST /cnt/files/
// signature, then /cnt/files/upload/{signature}) but nothing links a file to a parcel (PUT
// /lcs/parcels/{id} takes no file id; the parcel's own file_id is undocumented).
import { z } from 'zod';
import { method } from './define';

/** The largest photo taken (bytes of JPEG): a 1920×1080 photo at quality 0.85 is about 300 kB. */
export const EVIDENCE_MAX_BYTES = 2 * 1024 * 1024;
/** Base64 length of EVIDENCE_MAX_BYTES bytes. */
export const EVIDENCE_MAX_BASE64 = Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4;

const idSchema = z.string().min(1).max(100);

export const parcelPhotoSchema = z.object({
  id: z.string(),
  parcelId: z.string(),
  takenAt: z.number(),
  /** Who took it; null if nobody was signed in (never, through the contract). */
  takenBy: z.string().nullable(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  /** SHA-256 of the JPEG, hex. */
  sha256: z.string(),
});
export type ParcelPhoto = z.infer<typeof parcelPhotoSchema>;

export const evidenceAddInputSchema = z
  .object({
    parcelId: idSchema,
    /** The JPEG, base64 (no data: prefix); at most EVIDENCE_MAX_BYTES once decoded. */
    jpegBase64: z
      .string()
      .min(8)
      .max(EVIDENCE_MAX_BASE64, 'The photo is larger than 2 MB')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Base64'),
  })
  .strict();

export const evidenceMethods = {
  'evidence.add': method({
    input: evidenceAddInputSchema,
    output: parcelPhotoSchema,
    access: ['packer'],
    kind: 'write',
    errors: { NOT_FOUND: z.object({ parcelId: z.string() }) },
    description: 'Keep a photo (JPEG) of an open parcel with that parcel on this station.',
  }),
  'evidence.list': method({
    input: z.object({ parcelId: idSchema }).strict(),
    output: z.object({ photos: z.array(parcelPhotoSchema) }),
    access: 'user',
    kind: 'query',
    description: 'The photos kept with a parcel, oldest first (without their bytes).',
  }),
  'evidence.get': method({
    input: z.object({ id: idSchema }).strict(),
    output: parcelPhotoSchema.extend({ jpegBase64: z.string() }),
    access: 'user',
    kind: 'query',
    errors: { NOT_FOUND: z.object({ id: z.string() }) },
    description: 'One photo with its JPEG (base64).',
  }),
} as const;
