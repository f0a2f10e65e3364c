/**
 * The PostgreSQL event tables. Positions come from the one row of `ledger_head`, updated inside the
 * append transaction: its row lock serialises appends, so commit order is position order, and a rolled
 * back append leaves no hole (a sequence would do both wrong: its values are taken outside the
 * transaction, handed out before commit, and lost on rollback). The positions are the Merkle tree's
 * leaf indices, so they must be dense.
 *
 * `data` and `metadata` are the canonical JSON text as written (text, not jsonb: jsonb re-orders keys
 * and drops duplicates, and the tree hashes the bytes). The triggers make the ledger's promise (nothing
 * is ever edited or deleted) hold even against a stray UPDATE, DELETE or TRUNCATE.
 */

/** Taken while the schema is created, so nodes starting together do not race on CREATE … IF NOT EXISTS. */
export const SCHEMA_LOCK_KEY = 0x1ed6e5;

/** The channel an append notifies on commit, so subscribers on every node wake at once. */
export const APPEND_CHANNEL = 'ledger_appended';

export const POSTGRES_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_head (
  only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  position    bigint  NOT NULL,
  recorded_at text
);
INSERT INTO ledger_head (only_row, position) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS events (
  position    bigint  PRIMARY KEY,
  id          text    NOT NULL UNIQUE,
  stream      text    NOT NULL,
  revision    integer NOT NULL,
  type        text    NOT NULL,
  data        text    NOT NULL,
  metadata    text    NOT NULL,
  recorded_at text    NOT NULL,
  -- The stream's category (see streamCategory): its name before the first '-', '' when it has none.
  category    text    GENERATED ALWAYS AS (
    CASE WHEN strpos(stream, '-') > 1 THEN substr(stream, 1, strpos(stream, '-') - 1) ELSE '' END
  ) STORED,
  UNIQUE (stream, revision)
);

-- Filtered reads of all streams walk these, each in position order per value.
CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);

CREATE OR REPLACE FUNCTION ledger_events_are_never_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'the ledger never edits an event: record a correction';
  END IF;
  RAISE EXCEPTION 'the ledger never deletes an event: record a correction';
END $$;

CREATE OR REPLACE TRIGGER events_are_never_edited BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION ledger_events_are_never_changed();
CREATE OR REPLACE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_are_never_changed();
`;
