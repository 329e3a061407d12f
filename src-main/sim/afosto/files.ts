/** Stored files (labels, slips): metadata at `/cnt/files/{id}` and the bytes at a CDN stand-in URL. */
import { json, type Json } from '../http';
import { notFound } from './protocol';
import type { AfostoSim } from './sim';

export interface StoredFile {
  meta: Json;
  bytes: Buffer;
}

export function registerFiles(sim: AfostoSim): void {
  const { r, files } = sim;
  r.get('/cnt/files/:id', (ctx) => {
    const f = files.get(ctx.params.id as string);
    return f ? json(200, [f.meta]) : notFound('File');
  });
  // stand-in for the CDN URL in CntFile.url (no auth, like a signed URL)
  r.get(
    '/cdn/files/:id/:filename',
    (ctx) => {
      const f = files.get(ctx.params.id as string);
      if (!f) return notFound('File');
      return { status: 200, raw: true, body: f.bytes, headers: { 'Content-Type': f.meta.mime, 'Content-Disposition': `attachment; filename="${f.meta.filename}"` } };
    },
    { public: true },
  );
}
