// The Opentaps mappers: the seed's status machine in local terms, what counts as a task, which
// contacts an activity concerns, and the row a task becomes.
import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../../../src-main/core/connectors/opentaps';
import { activityRowOf, isTask, localStatusOf, remoteContactsOf, remoteStatusOf, statusChangeProblem, taskRowOf } from '../../../../src-main/core/connectors/opentaps/mappers';

const activity = (over: Record<string, unknown> = {}) =>
  activitySchema.parse({ _id: '53d0c1e2e4b0a1b2c3d4e600', activityType: 'TASK', noteText: 'Call back', status: 'CREATED', scheduledDateTime: '2024-08-08T09:00:00Z', assignedToContact: ['agent-1'], responsibleContactId: 'agent-2', attributes: { orderId: 'DEMO-1', docksideRef: 'local-1' }, contacts: [{ contactId: 'cust-1', role: 'customer' }], ...over });

describe('opentaps mappers', () => {
  it('statuses map one to one, and the machine is checked in local terms', () => {
    for (const s of ['open', 'in_progress', 'done', 'cancelled'] as const) expect(localStatusOf(remoteStatusOf(s))).toBe(s);
    expect(statusChangeProblem('open', 'in_progress')).toBeNull();
    expect(statusChangeProblem('in_progress', 'done')).toBeNull();
    expect(statusChangeProblem('open', 'cancelled')).toBeNull();
    expect(statusChangeProblem('open', 'done')).toMatch(/CREATED task can only become STARTED or CANCELLED/);
    expect(statusChangeProblem('cancelled', 'open')).toMatch(/CANCELLED task cannot be changed/);
  });

  it('a task needs type TASK, a machine status and a date; anything else is an activity', () => {
    expect(isTask(activity())).toBe(true);
    expect(isTask(activity({ activityType: 'NOTE' }))).toBe(false);
    expect(isTask(activity({ status: 'WAITING' }))).toBe(false);
    expect(isTask(activity({ scheduledDateTime: null }))).toBe(false);
  });

  it('contacts concerned: linked first, then assignees, then the responsible one, each once', () => {
    expect(remoteContactsOf(activity({ assignedToContact: ['cust-1', 'agent-1'] }))).toEqual(['cust-1', 'agent-1', 'agent-2']);
  });

  it('rows keep the client reference, the order id and the due time', () => {
    const a = activity();
    if (!isTask(a)) throw new Error('not a task');
    expect(taskRowOf(a)).toMatchObject({ remoteId: a.id, title: 'Call back', status: 'open', remoteStatus: 'CREATED', dueAt: Date.parse('2024-08-08T09:00:00Z'), orderId: 'DEMO-1', remoteAssignee: 'agent-1', clientRef: 'local-1' });
    expect(activityRowOf(activity({ activityType: 'note' }))).toMatchObject({ type: 'NOTE', body: 'Call back', clientRef: 'local-1', remoteContacts: '["cust-1","agent-1","agent-2"]' });
  });
});
