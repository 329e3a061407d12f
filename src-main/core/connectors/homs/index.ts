// HOMS (Hydra OMS) connector: the client and its shapes. Mappers, pull and push come with the sync engine.
export { HomsClient, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, validationMessage, type HomsClientOptions, type PageOptions } from './client';
export { ExtCodeMap, type ExtCoded } from './extCodeMap';
export * from './schemas';
