/**
 * The event table. `position` is the rowid: assigned by SQLite inside the writing transaction, one more
 * than the largest committed, so the global order has no gaps. The triggers make the ledger's promise
 * (nothing is ever edited or deleted) hold even against a stray UPDATE or DELETE.
 */
/** The stream's category in SQL (see `streamCategory`); queries must repeat it exactly to use the index. */
export const CATEGORY_OF_STREAM = "substr(stream, 1, instr(stream, '-') - 1)";

export const SQLITE_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
) STRICT;

-- Filtered reads of all streams (a projection asks only for its stream categories or event types) walk
-- these instead of the whole table. An index holds the rowid, so each is in position order per value.
CREATE INDEX IF NOT EXISTS events_by_category ON events (${CATEGORY_OF_STREAM});
CREATE INDEX IF NOT EXISTS events_by_type ON events (type);

CREATE TRIGGER IF NOT EXISTS events_are_never_edited BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the ledger never edits an event: record a correction'); END;

CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the ledger never deletes an event: record a correction'); END;
`;
