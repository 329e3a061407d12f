// UltraCart REST v2 WorkflowApi shapes, written from the document (shared/api/ultracart-workflow.md;
// the seed gives no models, the digest takes them from UltraCart's generated SDKs). Every SDK field
// is optional and the examples show nulls, so fields we only pass along are nullish; what the sync
// engine reads (ids, the paging cursor, the counters) is required.
import { z } from 'zod';

/** The documented enums (SDK models). Read strictly: the engine maps them to local states. */
export const TASK_STATUS = ['open', 'closed', 'delayed', 'awaiting customer feedback', 'closed - system', 'closed - customer', 'closed - expiration'] as const;
/** The search request's `status` enum is shorter than the task's. */
export const SEARCH_STATUS = ['open', 'closed', 'delayed', 'awaiting customer feedback'] as const;
export const PRIORITY = ['1 - low', '2 - medium', '3 - high', '4 - critical'] as const;
export const OBJECT_TYPE = ['order', 'auto order', 'item', 'customer profile', 'storefront'] as const;
/** The search request's `object_type` enum lacks `storefront`. */
export const SEARCH_OBJECT_TYPE = ['order', 'auto order', 'item', 'customer profile'] as const;

const str = z.string().nullish();
const int = z.number().int().nullish();

export const workflowUserSchema = z.looseObject({ user: str, user_id: int, user_icon_url: str });
export type WorkflowUser = z.infer<typeof workflowUserSchema>;

/** An assignable user: we key on `user_id`, so it must be there. */
export const assignableUserSchema = workflowUserSchema.extend({ user_id: z.number().int() });
export type AssignableUser = z.infer<typeof assignableUserSchema>;

export const workflowGroupSchema = z.looseObject({ group: str, group_id: z.number().int() });
export type WorkflowGroup = z.infer<typeof workflowGroupSchema>;

export const attachmentSchema = z.looseObject({ file_uuid: str, file_name: str, mime_type: str, upload_key: str, download_key: str });
export const noteSchema = z.looseObject({
  note: str,
  original_note: str,
  note_dts: str,
  edit_dts: str,
  user: workflowUserSchema.nullish(),
  attachments: z.array(attachmentSchema).nullish(),
});
export type WorkflowNote = z.infer<typeof noteSchema>;
export const historySchema = z.looseObject({ activity_dts: str, description: str, ip_address: str, user: workflowUserSchema.nullish() });
export const propertySchema = z.looseObject({ name: z.string(), value: z.string().nullish() });
export type Property = z.infer<typeof propertySchema>;

export const workflowTaskSchema = z.looseObject({
  workflow_task_uuid: z.string().min(1),
  merchant_id: str,
  task_name: str,
  task_details: str,
  task_context: str,
  status: z.enum(TASK_STATUS).nullish(),
  priority: z.enum(PRIORITY).nullish(),
  object_type: z.enum(OBJECT_TYPE).nullish(),
  object_id: str,
  object_email: str,
  object_url: str,
  object_task_number: int,
  global_task_number: int,
  system_task_type: str,
  assigned_to_user: str,
  assigned_to_user_id: int,
  assigned_to_group: str,
  assigned_to_group_id: int,
  assigned_to_user_or_group: str,
  created_by: workflowUserSchema.nullish(),
  created_dts: str,
  /** The pull watermark. */
  last_update_dts: str,
  due_dts: str,
  delay_until_dts: str,
  expiration_dts: str,
  dependant_workflow_task_uuid: str,
  related_workflow_task_uuid: str,
  tags: z.array(z.string()).nullish(),
  properties: z.array(propertySchema).nullish(),
  notes: z.array(noteSchema).nullish(),
  attachments: z.array(attachmentSchema).nullish(),
  histories: z.array(historySchema).nullish(),
});
export type WorkflowTask = z.infer<typeof workflowTaskSchema>;

/** What we may send on insert / update: the task without its server-set fields. */
export const taskInputSchema = z.object({
  task_name: z.string().min(1).optional(),
  task_details: z.string().nullable().optional(),
  task_context: z.string().nullable().optional(),
  status: z.enum(TASK_STATUS).optional(),
  priority: z.enum(PRIORITY).optional(),
  object_type: z.enum(OBJECT_TYPE).nullable().optional(),
  object_id: z.string().nullable().optional(),
  object_email: z.string().nullable().optional(),
  object_url: z.string().nullable().optional(),
  assigned_to_user_id: z.number().int().nullable().optional(),
  assigned_to_group_id: z.number().int().nullable().optional(),
  due_dts: z.string().nullable().optional(),
  delay_until_dts: z.string().nullable().optional(),
  dependant_workflow_task_uuid: z.string().nullable().optional(),
  related_workflow_task_uuid: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
  properties: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  notes: z.array(z.object({ note: z.string() }).loose()).optional(),
});
export type TaskInput = z.infer<typeof taskInputSchema>;

/** WorkflowTasksRequest (search body), exactly the documented filters. */
export const tasksRequestSchema = z.object({
  assigned_to_group: z.string().optional(),
  assigned_to_group_id: z.number().int().optional(),
  assigned_to_me: z.boolean().optional(),
  assigned_to_user: z.string().optional(),
  assigned_to_user_id: z.number().int().optional(),
  created_by: z.object({ user: z.string().optional(), user_id: z.number().int().optional() }).optional(),
  created_dts_begin: z.string().optional(),
  created_dts_end: z.string().optional(),
  delay_until_dts_begin: z.string().optional(),
  delay_until_dts_end: z.string().optional(),
  due_dts_begin: z.string().optional(),
  due_dts_end: z.string().optional(),
  last_update_dts_begin: z.string().optional(),
  last_update_dts_end: z.string().optional(),
  object_email: z.string().optional(),
  object_type: z.enum(SEARCH_OBJECT_TYPE).optional(),
  priority: z.enum(PRIORITY).optional(),
  status: z.enum(SEARCH_STATUS).optional(),
  tags: z.array(z.string()).optional(),
  unassigned: z.boolean().optional(),
});
export type TasksRequest = z.infer<typeof tasksRequestSchema>;

export const errorSchema = z.looseObject({ developer_message: str, error_code: str, more_info: str, object_id: str, user_message: str });
export const resultSetSchema = z.looseObject({
  count: int,
  limit: int,
  more: z.boolean().nullish(),
  next_offset: int,
  offset: int,
  total_records: int,
});
export type ResultSet = z.infer<typeof resultSetSchema>;

/** Every answer, success or error, shares this envelope. */
export const envelopeSchema = z.looseObject({
  success: z.boolean().nullish(),
  error: errorSchema.nullish(),
  warning: z.looseObject({ warning_message: str, more_info: str }).nullish(),
  metadata: z.looseObject({ payload_name: str, result_set: resultSetSchema.nullish() }).nullish(),
});

export const taskResponseSchema = envelopeSchema.extend({ task: workflowTaskSchema });
export const tasksResponseSchema = envelopeSchema.extend({ tasks: z.array(workflowTaskSchema), task_context: str });
export const openCountResponseSchema = envelopeSchema.extend({ open_count: z.number().int() });
export const tagsResponseSchema = envelopeSchema.extend({ tags: z.array(z.string()) });
export const userResponseSchema = envelopeSchema.extend({ user: workflowUserSchema });
export const usersResponseSchema = envelopeSchema.extend({ users: z.array(assignableUserSchema), my_user_id: int });
export const groupsResponseSchema = envelopeSchema.extend({ groups: z.array(workflowGroupSchema) });
