// Content types of the built renderer's files, one table for both hosts that serve it (the
// Electron app:// protocol and web mode's HTTP server). Unknown kinds are plain bytes.
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
};

/** The content type for a file extension such as `.js` (from path.extname). */
export function mimeTypeOf(ext: string): string {
  return MIME[ext.toLowerCase()] ?? 'application/octet-stream';
}
