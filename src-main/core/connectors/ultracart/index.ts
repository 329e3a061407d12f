// The UltraCart WorkflowApi connector's public face for the sync engine.
export { CLIENT_REF_PROPERTY, MAX_ASSIGNMENT_PAGE, MAX_SEARCH_PAGE, nextOffset, UltracartClient } from './client';
export type { FindByClientRefHint, Page, UltracartConfig } from './client';
export type { AssignableUser, Property, ResultSet, TaskInput, TasksRequest, WorkflowGroup, WorkflowNote, WorkflowTask, WorkflowUser } from './schemas';
// The connector module (pulls and pushes) and what other modules read of its results.
export { ultracartSync } from './sync';
export { UC_OPS } from './push';
export { ucTaskInsertSchema, ucTaskUpdateSchema } from './mappers';
export type { UcTaskInsert, UcTaskUpdate } from './mappers';
export { readOpenCount } from './repo';
