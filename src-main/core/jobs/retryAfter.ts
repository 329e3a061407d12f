// HTTP Retry-After (RFC 9110 §10.2.3) as the milliseconds a handler passes to retry(): either
// delay-seconds or an HTTP-date. Connectors call this on 429/503; undefined means "use the backoff".
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  const v = header?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at) || !/[a-z]/i.test(v)) return undefined;
  return Math.max(0, at - now);
}
