// The one contract between renderer and main. Capabilities add a file and spread it in here.
import type { z } from 'zod';
import type { ErrorCode, EventSpec, InvokeOptions, MethodSpec, RpcResult, ValidationIssues } from './define';
import { callsEvents, callsMethods } from './calls';
import { agentEvents, agentMethods } from './agent';
import { connectionsEvents, connectionsMethods } from './connections';
import { packingEvents, packingMethods } from './packing';
import { pickingEvents, pickingMethods } from './picking';
import { printingEvents, printingMethods } from './printing';
import { secretsEvents, secretsMethods } from './secrets';
import { settingsEvents, settingsMethods } from './settings';
import { stationEvents, stationMethods } from './station';
import { syncEvents, syncMethods } from './sync';
import { systemEvents, systemMethods } from './system';
import { trainingEvents, trainingMethods } from './training';
import { scaleEvents, scaleMethods } from './scale';
import { evidenceMethods } from './evidence';

export * from './calls';
export * from './agent';
export * from './connections';
export * from './define';
export * from './packing';
export * from './picking';
export * from './printing';
export * from './secrets';
export * from './settings';
export * from './station';
export * from './sync';
export * from './system';
export * from './training';
export * from './scale';
export * from './evidence';

export const methods = {
  ...systemMethods,
  ...settingsMethods,
  ...stationMethods,
  ...printingMethods,
  ...secretsMethods,
  ...syncMethods,
  ...connectionsMethods,
  ...trainingMethods,
  ...scaleMethods,
  ...evidenceMethods,
  ...callsMethods,
  ...packingMethods,
  ...pickingMethods,
  ...agentMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...systemEvents,
  ...settingsEvents,
  ...stationEvents,
  ...printingEvents,
  ...secretsEvents,
  ...syncEvents,
  ...connectionsEvents,
  ...trainingEvents,
  ...scaleEvents,
  ...callsEvents,
  ...packingEvents,
  ...pickingEvents,
  ...agentEvents,
} as const satisfies Record<string, EventSpec>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
/** What a caller passes (before defaults are applied). */
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
type DeclaredErrors<M extends MethodName> = NonNullable<Methods[M]['errors']>;
/** The `details` of error `C` from method `M`, as its spec declares them (VALIDATION: the issues). */
export type ErrorDetails<M extends MethodName, C extends ErrorCode> = C extends 'VALIDATION'
  ? ValidationIssues
  : C extends keyof DeclaredErrors<M>
    ? DeclaredErrors<M>[C] extends z.ZodType
      ? z.output<DeclaredErrors<M>[C]>
      : never
    : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/**
 * The bridge the preload exposes as `window.dockside` and the WebSocket client mirrors:
 * untyped at the boundary, typed by the client wrapper in the renderer.
 */
export interface DocksideBridge {
  invoke(method: string, input: unknown, options?: InvokeOptions): Promise<RpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
