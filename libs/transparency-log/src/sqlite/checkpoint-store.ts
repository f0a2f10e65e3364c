import type Database from 'better-sqlite3';
import type { CheckpointRecord, CheckpointStore, StoredCosignature, TreeRebuild, WitnessState } from '../checkpoint-store';

/**
 * The checkpoint store in SQLite, in the tree's own database (ledger.sqlite for the embedded store,
 * ledger-tree.sqlite beside KurrentDB). Checkpoints and cosignatures are only ever added.
 */
export const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_checkpoints (
  tree_size INTEGER PRIMARY KEY,
  root_hash BLOB    NOT NULL,
  note      TEXT    NOT NULL,
  signed_at TEXT    NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS checkpoint_cosignatures (
  tree_size INTEGER NOT NULL,
  witness   TEXT    NOT NULL,
  key_name  TEXT    NOT NULL,
  line      TEXT    NOT NULL,
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (tree_size, witness)
) STRICT;

CREATE TABLE IF NOT EXISTS witnesses (
  url             TEXT PRIMARY KEY,
  verifier_key    TEXT,
  cosigned_size   INTEGER,
  cosigned_at     TEXT,
  last_attempt_at TEXT,
  last_status     INTEGER,
  last_error      TEXT
) STRICT;

CREATE TABLE IF NOT EXISTS tree_rebuilds (
  at               TEXT    NOT NULL,
  reason           TEXT    NOT NULL,
  tree_size_before INTEGER NOT NULL,
  events           INTEGER NOT NULL,
  findings         TEXT    NOT NULL
) STRICT;
`;

const CHECKPOINT_COLUMNS = 'tree_size AS treeSize, root_hash AS rootHash, note, signed_at AS signedAt';
const WITNESS_COLUMNS =
  'url, verifier_key AS verifierKey, cosigned_size AS cosignedSize, cosigned_at AS cosignedAt, last_attempt_at AS lastAttemptAt, last_status AS lastStatus, last_error AS lastError';

export class SqliteCheckpointStore implements CheckpointStore {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(CHECKPOINT_SCHEMA);
    this.statements = {
      save: db.prepare(
        'INSERT INTO merkle_checkpoints (tree_size, root_hash, note, signed_at) VALUES (@treeSize, @rootHash, @note, @signedAt) ON CONFLICT (tree_size) DO NOTHING',
      ),
      at: db.prepare(`SELECT ${CHECKPOINT_COLUMNS} FROM merkle_checkpoints WHERE tree_size = ?`),
      latest: db.prepare(`SELECT ${CHECKPOINT_COLUMNS} FROM merkle_checkpoints ORDER BY tree_size DESC LIMIT 1`),
      sizes: db.prepare('SELECT tree_size FROM merkle_checkpoints ORDER BY tree_size').pluck(),
      addCosignature: db.prepare(
        'INSERT INTO checkpoint_cosignatures (tree_size, witness, key_name, line, timestamp) VALUES (@treeSize, @witness, @keyName, @line, @timestamp) ON CONFLICT DO NOTHING',
      ),
      cosignatures: db.prepare(
        'SELECT tree_size AS treeSize, witness, key_name AS keyName, line, timestamp FROM checkpoint_cosignatures WHERE tree_size = ? ORDER BY witness',
      ),
      witness: db.prepare(`SELECT ${WITNESS_COLUMNS} FROM witnesses WHERE url = ?`),
      witnesses: db.prepare(`SELECT ${WITNESS_COLUMNS} FROM witnesses ORDER BY url`),
      saveWitness: db.prepare(
        `INSERT INTO witnesses (url, verifier_key, cosigned_size, cosigned_at, last_attempt_at, last_status, last_error)
         VALUES (@url, @verifierKey, @cosignedSize, @cosignedAt, @lastAttemptAt, @lastStatus, @lastError)
         ON CONFLICT (url) DO UPDATE SET verifier_key = excluded.verifier_key, cosigned_size = excluded.cosigned_size,
           cosigned_at = excluded.cosigned_at, last_attempt_at = excluded.last_attempt_at, last_status = excluded.last_status,
           last_error = excluded.last_error`,
      ),
      recordRebuild: db.prepare(
        'INSERT INTO tree_rebuilds (at, reason, tree_size_before, events, findings) VALUES (@at, @reason, @treeSizeBefore, @events, @findings)',
      ),
      rebuilds: db.prepare('SELECT at, reason, tree_size_before AS treeSizeBefore, events, findings FROM tree_rebuilds ORDER BY rowid'),
    };
  }

  async save(record: CheckpointRecord): Promise<void> {
    this.statements.save.run(record);
  }

  async at(treeSize: number): Promise<CheckpointRecord | undefined> {
    return this.statements.at.get(treeSize) as CheckpointRecord | undefined;
  }

  async latest(): Promise<CheckpointRecord | undefined> {
    return this.statements.latest.get() as CheckpointRecord | undefined;
  }

  async sizes(): Promise<number[]> {
    return this.statements.sizes.all() as number[];
  }

  async addCosignature(cosignature: StoredCosignature): Promise<void> {
    this.statements.addCosignature.run(cosignature);
  }

  async cosignatures(treeSize: number): Promise<StoredCosignature[]> {
    return this.statements.cosignatures.all(treeSize) as StoredCosignature[];
  }

  async witness(url: string): Promise<WitnessState | undefined> {
    return this.statements.witness.get(url) as WitnessState | undefined;
  }

  async saveWitness(state: WitnessState): Promise<void> {
    this.statements.saveWitness.run(state);
  }

  async witnesses(): Promise<WitnessState[]> {
    return this.statements.witnesses.all() as WitnessState[];
  }

  async recordRebuild(rebuild: TreeRebuild): Promise<void> {
    this.statements.recordRebuild.run({ ...rebuild, findings: JSON.stringify(rebuild.findings) });
  }

  async rebuilds(): Promise<TreeRebuild[]> {
    return (this.statements.rebuilds.all() as (Omit<TreeRebuild, 'findings'> & { findings: string })[]).map((row) => ({
      ...row,
      findings: JSON.parse(row.findings) as string[],
    }));
  }
}
