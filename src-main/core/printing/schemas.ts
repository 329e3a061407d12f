// The printing inputs are part of the contract (the renderer validates with the same schemas);
// printing modules import them from here.
export * from '../../../src-preload/contract/printingSchemas';
