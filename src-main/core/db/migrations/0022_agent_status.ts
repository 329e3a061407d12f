import type { Migration } from '../migrate';

// Call-center agent status, kept on the station (UCS's REST API has no agent-state endpoint).
// - agent_status: each Dockside user's current status; `before_*` is what after-call work returns to.
// - agent_transitions: append-only history, every change with its reason, cause and time.
// - agent_links: which UCS user a Dockside user works as. Dockside users have a name, a role and
//   a PIN only (no username or employee number to match on), and several share one bench, so the
//   link is per user, chosen once from the pulled UCS users (a matching name is only suggested).
// - agent_config: station-wide knobs (auto-AUX after N missed offers).
export const migration: Migration = {
  version: 22,
  name: 'agent_status',
  up(db) {
    db.exec(`
      CREATE TABLE agent_status (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('ready', 'aux', 'after_call_work', 'offline')),
        aux_reason TEXT,
        cause TEXT NOT NULL,
        since INTEGER NOT NULL,
        call_id TEXT,
        missed_offers INTEGER NOT NULL DEFAULT 0,
        before_status TEXT CHECK (before_status IN ('ready', 'aux', 'offline')),
        before_reason TEXT
      ) STRICT;

      CREATE TABLE agent_transitions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        aux_reason TEXT,
        cause TEXT NOT NULL,
        call_id TEXT,
        ucs_user_id INTEGER
      ) STRICT;
      CREATE INDEX agent_transitions_user ON agent_transitions(user_id, id);

      CREATE TABLE agent_links (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        ucs_user_id INTEGER NOT NULL,
        linked_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE agent_config (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
