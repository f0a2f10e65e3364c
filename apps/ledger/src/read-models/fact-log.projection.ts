import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerFact } from '@ledger/governance';
import type Database from 'better-sqlite3';
import { factOf, Projection } from './projection';
import { ReadModelDatabase } from './read-model-database';
import type { FactLog } from './standing';

/**
 * A projection that keeps, bitemporally, the facts one view is computed from: every event of the
 * stream categories it reads, with its position and transaction time. Rows are only ever added, so the
 * view "as known at P" is the rows up to P; the view itself is computed from them in memory. Only the
 * standing structure lives here (bodies, delegations, reorganisations, officer decisions,
 * recommendations): a few facts per body, not the meetings' hundreds per body.
 */
export class FactLogProjection implements Projection {
  readonly filter: { categories: readonly string[] };
  private readonly insert: Database.Statement;
  private readonly applyBatch: (events: readonly RecordedEvent[], checkpoint: number) => LedgerFact[];

  constructor(
    readonly name: FactLog,
    categories: readonly string[],
    private readonly database: ReadModelDatabase,
  ) {
    this.filter = { categories };
    const { db } = database;
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${this.table} (
        position    INTEGER PRIMARY KEY,
        id          TEXT NOT NULL,
        stream      TEXT NOT NULL,
        type        TEXT NOT NULL,
        data        TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
    `);
    this.insert = db.prepare(`INSERT INTO ${this.table} (position, id, stream, type, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`);
    this.applyBatch = db.transaction((events: readonly RecordedEvent[], checkpoint: number) => {
      for (const event of events)
        this.insert.run(event.globalPosition, event.id, event.stream, event.type, JSON.stringify(event.data), event.recordedAt);
      database.saveCheckpoint(this.name, checkpoint);
      return events.map(factOf);
    });
  }

  get table(): string {
    return `facts_${this.name.replace(/[^a-z]/g, '_')}`;
  }

  apply(events: readonly RecordedEvent[], checkpoint: number): LedgerFact[] {
    return this.applyBatch(events, checkpoint);
  }

  /** Every fact the projection holds, in position order. */
  load(): LedgerFact[] {
    const rows = this.database.db
      .prepare(`SELECT position, id, stream, type, data, recorded_at FROM ${this.table} ORDER BY position`)
      .raw(true)
      .all() as [number, string, string, string, string, string][];
    return rows.map(([position, id, stream, type, data, recordedAt]) => ({
      position,
      id,
      stream,
      type,
      data: JSON.parse(data),
      recordedAt,
    }));
  }

  drop(): void {
    this.database.db.transaction(() => {
      this.database.db.exec(`DELETE FROM ${this.table}`);
      this.database.forgetCheckpoint(this.name);
    })();
  }
}
