// The simulator's control API (/_sim) over HTTP: core talks to the simulator the host started the
// way a test would, never by importing it. Every answer is checked with zod; anything else is an
// UNAVAILABLE with a reason code the panel translates.
import type { z } from 'zod';
import type { RingCallResult } from '../../../src-preload/contract';
import { AppError } from '../rpc/errors';
import { simCallSchema, simFaultListSchema, simFaultSchema, type SimFault, type SimFaultSpec } from './domain';

const TIMEOUT_MS = 5000;

export class SimControl {
  constructor(
    private readonly controlUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async faults(): Promise<SimFault[]> {
    return this.request('GET', '/faults', undefined, 200, simFaultListSchema);
  }

  async addFault(spec: SimFaultSpec): Promise<SimFault> {
    return this.request('POST', '/faults', spec, 201, simFaultSchema);
  }

  async removeFault(id: string): Promise<void> {
    // 404: already gone (expired or removed by another window), which is what was asked.
    await this.request('DELETE', `/faults/${encodeURIComponent(id)}`, undefined, [204, 404]);
  }

  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/faults', undefined, 204);
  }

  async ring(input: { number: string; queue?: string | number; name?: string }): Promise<RingCallResult> {
    const call = await this.request('POST', '/calls', input, 201, simCallSchema);
    return { uniqueid: call.uniqueid, number: call.number, queueId: call.queueId, state: call.state };
  }

  private async request<T>(method: string, path: string, body: unknown, expect: number | number[], schema?: z.ZodType<T>): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.controlUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new AppError('UNAVAILABLE', 'The simulator does not answer', { reason: 'simulator_unreachable' });
    }
    const text = await res.text().catch(() => '');
    if (!(Array.isArray(expect) ? expect : [expect]).includes(res.status)) {
      throw new AppError('UNAVAILABLE', `The simulator refused ${method} ${path} (HTTP ${res.status})`, { reason: 'simulator_refused' });
    }
    if (!schema) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppError('UNAVAILABLE', `The simulator answered ${method} ${path} in an unexpected shape`, { reason: 'simulator_refused' });
    return parsed.data;
  }
}
