import type { Migration } from '../migrate';

// The outbox drains through core/jobs: an operation IS a jobs row (queue `push:<remote>`, ordering
// key = [entity, entityId], payload = the operation), so there is one source of truth for its
// state. Rows of the old outbox table move over in their order; one found in flight counts as
// interrupted (its fate is unknown: the handler reconciles before resending). `done` rows are
// kept as done jobs so history is not lost. Then the old table goes.
export const migration: Migration = {
  version: 10,
  name: 'sync_outbox_jobs',
  up(db) {
    db.exec(`
      INSERT INTO jobs (id, queue, ordering_key, payload, status, attempts, interrupted, next_attempt_at, error_code, error_detail, created_at, updated_at)
      SELECT op_id, 'push:' || remote, json_array(entity, entity_id),
        json_object('remote', remote, 'entity', entity, 'entityId', entity_id, 'operation', operation, 'payload', json(payload)),
        CASE status WHEN 'inflight' THEN 'pending' ELSE status END,
        attempts, CASE status WHEN 'inflight' THEN 1 ELSE 0 END, next_attempt_at,
        CASE WHEN status = 'dead' THEN 'legacy' WHEN last_error IS NOT NULL AND status <> 'done' THEN 'legacy' END,
        CASE WHEN status <> 'done' THEN last_error END,
        created_at, updated_at
      FROM outbox ORDER BY seq;
      DROP TABLE outbox;
    `);
  },
};
