import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Raise when a projection changes what it reads or the rows it writes. 2: meetings left to the calendar. */
const READ_MODELS_SHAPE = 2;

/**
 * The read models' own SQLite file, separate from the events: it can always be dropped and rebuilt
 * by replay. WAL with synchronous=NORMAL keeps every projection transaction atomic (rows and
 * checkpoint together, so a crash never leaves one ahead of the other); what a crash may lose is
 * only the last transactions, which the next start replays from the checkpoint.
 */
export class ReadModelDatabase {
  readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'read-models.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.dropIfOlderShape();
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        projection TEXT PRIMARY KEY,
        position   INTEGER NOT NULL
      ) STRICT;
    `);
    this.statements = {
      checkpoint: this.db.prepare('SELECT position FROM projection_checkpoints WHERE projection = ?').pluck(),
      save: this.db.prepare(
        'INSERT INTO projection_checkpoints (projection, position) VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position',
      ),
      forget: this.db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?'),
    };
  }

  checkpoint(projection: string): number {
    return (this.statements.checkpoint.get(projection) as number | undefined) ?? 0;
  }

  /** Call inside the projection's transaction, with its rows. */
  saveCheckpoint(projection: string, position: number): void {
    this.statements.save.run(projection, position);
  }

  /** Call inside the projection's transaction, with its rows. */
  forgetCheckpoint(projection: string): void {
    this.statements.forget.run(projection);
  }

  /**
   * Read models of another shape (written by an earlier version of the ledger) are dropped, so the
   * projections replay into the current shape: they are only ever derived from the events.
   */
  private dropIfOlderShape(): void {
    if (this.db.pragma('user_version', { simple: true }) === READ_MODELS_SHAPE) return;
    const tables = this.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`DROP TABLE "${table}"`);
      this.db.pragma(`user_version = ${READ_MODELS_SHAPE}`);
    })();
  }

  close(): void {
    this.db.close();
  }
}
