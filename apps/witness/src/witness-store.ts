import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The newest checkpoint a witness cosigned for one log: its size, root, and the note with the log's signature and its own. */
export interface WitnessedCheckpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  note: string;
  cosignedAt: string;
}

/**
 * What a witness remembers, in one SQLite file (WAL, synchronous=FULL): per log, the newest checkpoint it
 * cosigned, replaced only by a compare-and-set on the size it held, in one transaction, so a crash (a SIGKILL
 * mid-write) leaves the last good checkpoint; and the requests it refused, as evidence of what a log tried.
 */
export class WitnessStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'witness.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        origin      TEXT    PRIMARY KEY,
        size        INTEGER NOT NULL,
        root_hash   BLOB    NOT NULL,
        note        TEXT    NOT NULL,
        cosigned_at TEXT    NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS refusals (
        at      TEXT    NOT NULL,
        origin  TEXT    NOT NULL,
        status  INTEGER NOT NULL,
        reason  TEXT    NOT NULL,
        request TEXT    NOT NULL
      ) STRICT;
    `);
    this.statements = {
      latest: this.db.prepare(
        'SELECT origin, size, root_hash AS rootHash, note, cosigned_at AS cosignedAt FROM checkpoints WHERE origin = ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO checkpoints (origin, size, root_hash, note, cosigned_at) VALUES (@origin, @size, @rootHash, @note, @cosignedAt) ON CONFLICT DO NOTHING',
      ),
      replace: this.db.prepare(
        'UPDATE checkpoints SET size = @size, root_hash = @rootHash, note = @note, cosigned_at = @cosignedAt WHERE origin = @origin AND size = @heldSize',
      ),
      refuse: this.db.prepare('INSERT INTO refusals (at, origin, status, reason, request) VALUES (?, ?, ?, ?, ?)'),
      refusals: this.db.prepare('SELECT at, origin, status, reason FROM refusals ORDER BY rowid'),
    };
  }

  latest(origin: string): WitnessedCheckpoint | undefined {
    return this.statements.latest.get(origin) as WitnessedCheckpoint | undefined;
  }

  /** Stores `next` if the log still stands at `heldSize` (undefined: at nothing): false when another write came first. */
  replace(next: WitnessedCheckpoint, heldSize: number | undefined): boolean {
    const info = heldSize === undefined ? this.statements.insert.run(next) : this.statements.replace.run({ ...next, heldSize });
    return info.changes === 1;
  }

  refused(origin: string, status: number, reason: string, request: string): void {
    this.statements.refuse.run(new Date().toISOString(), origin, status, reason, request.slice(0, 65_536));
  }

  refusals(): { at: string; origin: string; status: number; reason: string }[] {
    return this.statements.refusals.all() as { at: string; origin: string; status: number; reason: string }[];
  }

  close(): void {
    this.db.close();
  }
}
