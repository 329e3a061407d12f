// HOMS (Hydra OMS) connector: the client and its shapes, mappers, pull, push, and the module for the sync engine.
export { HomsClient, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, validationMessage, type HomsClientOptions, type PageOptions } from './client';
export { ExtCodeMap, type ExtCoded } from './extCodeMap';
export * from './schemas';
export { homsSync } from './sync';
export { HOMS_OPS, HOMS_CREATE_SETTLE_MS, type HomsPushOptions, homsOrderCreatePayloadSchema, homsOrderUpdatePayloadSchema, type HomsOrderCreatePayload, type HomsOrderUpdatePayload, type HomsPushResult } from './push';
export { HOMS_PULL_PAGE_SIZE, applyOrders, applyUsers } from './pull';
export { HOMS_ORDER_ENTITY, type HomsOrder, type HomsOrderFields } from './mappers';
export { createHomsOrder, updateHomsOrder, getHomsOrder, homsOrderDraftSchema, type HomsOrderDraft } from './service';
