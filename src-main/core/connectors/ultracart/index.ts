// The UltraCart WorkflowApi connector's public face for the sync engine.
export { CLIENT_REF_PROPERTY, MAX_ASSIGNMENT_PAGE, MAX_SEARCH_PAGE, nextOffset, UltracartClient } from './client';
export type { FindByClientRefHint, Page, UltracartConfig } from './client';
export type { AssignableUser, Property, ResultSet, TaskInput, TasksRequest, WorkflowGroup, WorkflowNote, WorkflowTask, WorkflowUser } from './schemas';
