// The typed face of the contract for the renderer: `api.call('station.signIn', {pin})` answers the
// method's output type or throws an RpcError carrying the stable code.
import type {
  DocksideBridge,
  ErrorCode,
  EventName,
  EventPayload,
  Input,
  MethodName,
  Output,
  RpcErrorBody,
} from '../../../src-preload/contract';

export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly correlationId: string | undefined;
  constructor(body: RpcErrorBody) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.details = body.details;
    this.correlationId = body.correlationId;
  }
}

export interface Api {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApi(bridge: DocksideBridge): Api {
  return {
    async call(method, input) {
      const result = await bridge.invoke(method, input);
      if (!result.ok) throw new RpcError(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return bridge.on(event, listener as (p: unknown) => void);
    },
  };
}
