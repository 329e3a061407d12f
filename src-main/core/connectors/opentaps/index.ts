export * from './client';
export * from './schemas';
export * from './status';
// The connector module (pulls and pushes), its push payloads, and the status check for screens.
export { opentapsSync } from './sync';
export { OT_OPS } from './push';
export { otNoteCreateSchema, otTaskCreateSchema, otTaskStatusSchema, statusChangeProblem } from './mappers';
export type { OtNoteCreate, OtTaskCreate, OtTaskStatus } from './mappers';
