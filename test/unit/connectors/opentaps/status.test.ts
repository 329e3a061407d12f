// The seed's task status machine, encoded as a pure function the client checks before calling.
import { describe, expect, it } from 'vitest';
import { canChangeTaskStatus, isOpenTaskStatus, nextTaskStatuses, TASK_STATUSES, taskTransitionProblem } from '../../../../src-main/core/connectors/opentaps/status';

describe('opentaps task status machine', () => {
  it('allows exactly the seed transitions', () => {
    const allowed = TASK_STATUSES.flatMap((from) => TASK_STATUSES.filter((to) => canChangeTaskStatus(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(['CREATED>CANCELLED', 'CREATED>STARTED', 'STARTED>CANCELLED', 'STARTED>COMPLETED']);
  });
  it('final states cannot be changed; open states are CREATED and STARTED', () => {
    expect(nextTaskStatuses('COMPLETED')).toEqual([]);
    expect(nextTaskStatuses('CANCELLED')).toEqual([]);
    expect(TASK_STATUSES.filter(isOpenTaskStatus)).toEqual(['CREATED', 'STARTED']);
  });
  it('says why a change is refused', () => {
    expect(taskTransitionProblem('COMPLETED', 'STARTED')).toMatch(/COMPLETED task cannot be changed/);
    expect(taskTransitionProblem('CREATED', 'COMPLETED')).toMatch(/only become STARTED or CANCELLED/);
    expect(taskTransitionProblem('STARTED', 'STARTED')).toMatch(/already STARTED/);
    expect(taskTransitionProblem('CREATED', 'STARTED')).toBeNull();
  });
});
