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

-- One round trip per group of appends: the head locked, each append checked against what it expects
-- (a revision range worked out by the adapter, the stream's last event id, the streams it read) and, when
-- every check holds, inserted at the next positions; refused appends write nothing and do not stop the
-- others. The head moves and subscribers are notified once, and the statement's COMMIT releases the lock.
-- Transaction time comes from the server's clock, strictly increasing past the head's.
CREATE OR REPLACE FUNCTION ledger_append_group(appends jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  head bigint;
  last_micros bigint;
  now_micros bigint := floor(extract(epoch FROM clock_timestamp()) * 1000000);
  recorded text;
  outcomes jsonb := '[]';
  a jsonb;
  c jsonb;
  current_revision integer;
  last_id text;
  read_revision integer;
  refusal jsonb;
  taken text;
  n integer;
BEGIN
  SELECT position, floor(extract(epoch FROM recorded_at::timestamptz) * 1000000) INTO head, last_micros
    FROM ledger_head FOR UPDATE;
  FOR a IN SELECT value FROM jsonb_array_elements(appends) LOOP
    IF EXISTS (SELECT 1 FROM events WHERE id = a->'ids'->>0) THEN
      outcomes := outcomes || jsonb_build_object('retried', true);
      CONTINUE;
    END IF;
    SELECT revision, id INTO current_revision, last_id FROM events WHERE stream = a->>'stream' ORDER BY revision DESC LIMIT 1;
    IF NOT FOUND THEN
      current_revision := -1;
      last_id := NULL;
    END IF;
    IF current_revision NOT BETWEEN (a->>'min')::integer AND (a->>'max')::integer
       OR (a ? 'lastId' AND last_id IS DISTINCT FROM a->>'lastId') THEN
      outcomes := outcomes || jsonb_build_object('refused', 'revision', 'stream', a->>'stream', 'actual', current_revision);
      CONTINUE;
    END IF;
    refusal := NULL;
    FOR c IN SELECT value FROM jsonb_array_elements(a->'conditions') LOOP
      SELECT coalesce(max(revision), -1) INTO read_revision FROM events WHERE stream = c->>'stream';
      IF read_revision NOT BETWEEN (c->>'min')::integer AND (c->>'max')::integer THEN
        refusal := jsonb_build_object('refused', 'revision', 'stream', c->>'stream', 'actual', read_revision);
        EXIT;
      END IF;
    END LOOP;
    IF refusal IS NOT NULL THEN
      outcomes := outcomes || refusal;
      CONTINUE;
    END IF;
    SELECT id INTO taken FROM events WHERE id IN (SELECT jsonb_array_elements_text(a->'ids')) LIMIT 1;
    IF FOUND THEN
      outcomes := outcomes || jsonb_build_object('refused', 'taken', 'id', taken);
      CONTINUE;
    END IF;
    last_micros := greatest(now_micros, coalesce(last_micros, 0) + 1);
    recorded := to_char(timestamp 'epoch' + (last_micros || ' microseconds')::interval,
                        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    n := jsonb_array_length(a->'ids');
    -- ROWS FROM walks the four arrays side by side, once each.
    INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at)
      SELECT head + e.k, e.id, a->>'stream', current_revision + e.k::integer, e.type, e.data, e.metadata, recorded
      FROM ROWS FROM (jsonb_array_elements_text(a->'ids'), jsonb_array_elements_text(a->'types'),
                      jsonb_array_elements_text(a->'data'), jsonb_array_elements_text(a->'metadata'))
           WITH ORDINALITY AS e (id, type, data, metadata, k);
    head := head + n;
    outcomes := outcomes || jsonb_build_object('position', head, 'revision', current_revision + n);
  END LOOP;
  IF recorded IS NOT NULL THEN
    UPDATE ledger_head SET position = head, recorded_at = recorded;
    PERFORM pg_notify('${APPEND_CHANNEL}', head::text);
  END IF;
  RETURN outcomes;
END $$;
`;
