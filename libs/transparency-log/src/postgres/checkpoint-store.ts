import type { Pool } from 'pg';
import type { CheckpointRecord, CheckpointStore, StoredCosignature, TreeRebuild, WitnessState } from '../checkpoint-store';

/**
 * The checkpoint store in PostgreSQL, in the event store's database (LEDGER_STORE=postgres), so that every
 * ledger node holds one checkpoint history: a checkpoint at a size is saved once (the first node to sign it
 * wins, the others read it back), and its cosignatures are only ever added. Same tables and semantics as
 * sqlite/checkpoint-store.ts; created on first use.
 */
export const POSTGRES_CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_checkpoints (
  tree_size bigint PRIMARY KEY,
  root_hash bytea  NOT NULL,
  note      text   NOT NULL,
  signed_at text   NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint_cosignatures (
  tree_size bigint NOT NULL,
  witness   text   NOT NULL,
  key_name  text   NOT NULL,
  line      text   NOT NULL,
  timestamp bigint NOT NULL,
  PRIMARY KEY (tree_size, witness)
);
CREATE TABLE IF NOT EXISTS witnesses (
  url             text PRIMARY KEY,
  verifier_key    text,
  cosigned_size   bigint,
  cosigned_at     text,
  last_attempt_at text,
  last_status     integer,
  last_error      text
);
CREATE TABLE IF NOT EXISTS tree_rebuilds (
  number           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at               text   NOT NULL,
  reason           text   NOT NULL,
  tree_size_before bigint NOT NULL,
  events           bigint NOT NULL,
  findings         text   NOT NULL
);
`;

const CHECKPOINT_COLUMNS = 'tree_size::float8 AS "treeSize", root_hash AS "rootHash", note, signed_at AS "signedAt"';
const WITNESS_COLUMNS =
  'url, verifier_key AS "verifierKey", cosigned_size::float8 AS "cosignedSize", cosigned_at AS "cosignedAt", ' +
  'last_attempt_at AS "lastAttemptAt", last_status AS "lastStatus", last_error AS "lastError"';

export class PostgresCheckpointStore implements CheckpointStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly pool: Pool) {}

  async save(record: CheckpointRecord): Promise<void> {
    await this.query(
      'INSERT INTO merkle_checkpoints (tree_size, root_hash, note, signed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tree_size) DO NOTHING',
      [record.treeSize, record.rootHash, record.note, record.signedAt],
    );
  }

  async at(treeSize: number): Promise<CheckpointRecord | undefined> {
    return (await this.query<CheckpointRecord>(`SELECT ${CHECKPOINT_COLUMNS} FROM merkle_checkpoints WHERE tree_size = $1`, [treeSize]))[0];
  }

  async latest(): Promise<CheckpointRecord | undefined> {
    return (await this.query<CheckpointRecord>(`SELECT ${CHECKPOINT_COLUMNS} FROM merkle_checkpoints ORDER BY tree_size DESC LIMIT 1`))[0];
  }

  async sizes(): Promise<number[]> {
    return (await this.query<{ size: number }>('SELECT tree_size::float8 AS size FROM merkle_checkpoints ORDER BY tree_size')).map(
      (row) => row.size,
    );
  }

  async addCosignature(cosignature: StoredCosignature): Promise<void> {
    await this.query(
      'INSERT INTO checkpoint_cosignatures (tree_size, witness, key_name, line, timestamp) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [cosignature.treeSize, cosignature.witness, cosignature.keyName, cosignature.line, cosignature.timestamp],
    );
  }

  async cosignatures(treeSize: number): Promise<StoredCosignature[]> {
    return this.query<StoredCosignature>(
      `SELECT tree_size::float8 AS "treeSize", witness, key_name AS "keyName", line, timestamp::float8 AS timestamp
       FROM checkpoint_cosignatures WHERE tree_size = $1 ORDER BY witness`,
      [treeSize],
    );
  }

  async witness(url: string): Promise<WitnessState | undefined> {
    return (await this.query<WitnessState>(`SELECT ${WITNESS_COLUMNS} FROM witnesses WHERE url = $1`, [url]))[0];
  }

  async saveWitness(state: WitnessState): Promise<void> {
    await this.query(
      `INSERT INTO witnesses (url, verifier_key, cosigned_size, cosigned_at, last_attempt_at, last_status, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (url) DO UPDATE SET verifier_key = excluded.verifier_key, cosigned_size = excluded.cosigned_size,
         cosigned_at = excluded.cosigned_at, last_attempt_at = excluded.last_attempt_at, last_status = excluded.last_status,
         last_error = excluded.last_error`,
      [state.url, state.verifierKey, state.cosignedSize, state.cosignedAt, state.lastAttemptAt, state.lastStatus, state.lastError],
    );
  }

  async witnesses(): Promise<WitnessState[]> {
    return this.query<WitnessState>(`SELECT ${WITNESS_COLUMNS} FROM witnesses ORDER BY url`);
  }

  async recordRebuild(rebuild: TreeRebuild): Promise<void> {
    await this.query('INSERT INTO tree_rebuilds (at, reason, tree_size_before, events, findings) VALUES ($1, $2, $3, $4, $5)', [
      rebuild.at,
      rebuild.reason,
      rebuild.treeSizeBefore,
      rebuild.events,
      JSON.stringify(rebuild.findings),
    ]);
  }

  async rebuilds(): Promise<TreeRebuild[]> {
    const rows = await this.query<Omit<TreeRebuild, 'findings'> & { findings: string }>(
      `SELECT at, reason, tree_size_before::float8 AS "treeSizeBefore", events::float8 AS events, findings FROM tree_rebuilds ORDER BY number`,
    );
    return rows.map((row) => ({ ...row, findings: JSON.parse(row.findings) as string[] }));
  }

  private async query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
    this.ready ??= this.createTables();
    await this.ready;
    return (await this.pool.query(sql, values)).rows as Row[];
  }

  /** Once per process, under a lock so nodes starting together do not race on CREATE … IF NOT EXISTS. */
  private async createTables(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('ledger checkpoints'))");
      await client.query(POSTGRES_CHECKPOINT_SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.ready = undefined;
      throw error;
    } finally {
      client.release();
    }
  }
}
