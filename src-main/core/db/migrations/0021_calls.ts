import type { Migration } from '../migrate';

// Call handling beyond 0004's calls and notes:
// - calls gain what a screen-pop event and the agent add: how the caller was identified, the
//   company (a switchboard call has no person), the queue's name, a transfer, where the event came
//   from and the order the call was about (sent to UCS as call metadata).
// - call_events: every ring / answer / hang-up / transfer as it arrived (the call row keeps the
//   state; a repeated event for the same uniqueid finds the row by calls.uniqueid, never a new one).
// - call_acw: after-call work timers; persisted so a renderer reload or an app restart resumes
//   them, and a timer that ran out while the app was closed is applied at the next start.
// - call_config: this station's dispositions, default disposition, ACW length, served queues and
//   the screen-pop endpoint's token (one row per station).
// - Indexes the caller card reads by: HOMS orders by the Afosto order number they concern
//   (ext_code) and by the customer's phone in their data; print jobs by parcel; tasks by the call
//   and by the order they concern (UltraCart tasks name the order number); open calls.
export const migration: Migration = {
  version: 21,
  name: 'calls',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN company_id TEXT REFERENCES companies(id) ON DELETE SET NULL;
      ALTER TABLE calls ADD COLUMN identification TEXT NOT NULL DEFAULT 'unknown' CHECK (identification IN ('known', 'choose', 'unknown'));
      ALTER TABLE calls ADD COLUMN queue_name TEXT;
      ALTER TABLE calls ADD COLUMN transferred_to TEXT;
      ALTER TABLE calls ADD COLUMN source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('endpoint', 'link', 'poll', 'manual'));
      ALTER TABLE calls ADD COLUMN order_ref TEXT;
      CREATE INDEX calls_open ON calls(started_at) WHERE status IN ('ringing', 'answered');
      CREATE INDEX calls_company ON calls(company_id, started_at) WHERE company_id IS NOT NULL;

      CREATE TABLE call_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('ring', 'answer', 'hangup', 'transfer')),
        source TEXT NOT NULL,
        at INTEGER NOT NULL,
        -- the parameters as received (JSON), for support
        params TEXT NOT NULL DEFAULT '{}',
        -- 0: a repeat of an event already applied (kept, not applied again)
        applied INTEGER NOT NULL CHECK (applied IN (0, 1))
      ) STRICT;
      CREATE INDEX call_events_call ON call_events(call_id, seq);

      CREATE TABLE call_acw (
        call_id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        user_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'timed_out')),
        started_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX call_acw_running ON call_acw(ends_at) WHERE status = 'running';

      CREATE TABLE call_config (
        station_id TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        screen_pop_token TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE INDEX homs_orders_ext_code ON homs_orders(ext_code) WHERE ext_code IS NOT NULL;
      CREATE INDEX homs_orders_phone ON homs_orders(COALESCE(json_extract(data, '$.customerPhone'), json_extract(data, '$.requesterPhone')))
        WHERE json_valid(data);
      CREATE INDEX print_jobs_parcel ON print_jobs(parcel_id, created_at) WHERE parcel_id IS NOT NULL;
      CREATE INDEX tasks_call ON tasks(call_id) WHERE call_id IS NOT NULL;
      CREATE INDEX tasks_order ON tasks(order_id, status) WHERE order_id IS NOT NULL;
    `);
  },
};
