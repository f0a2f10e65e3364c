import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerFact } from '@ledger/governance/projections/ledger-fact';
import type Database from 'better-sqlite3';

/**
 * A projection that keeps, bitemporally, the facts one view is computed from: every event of the
 * streams it reads, with its position and transaction time. Rows are only ever added, so the view
 * "as known at P" is the rows up to P; the view itself is computed from them in memory.
 */
export class FactLogProjection {
  private readonly insert: Database.Statement;
  private readonly saveCheckpoint: Database.Statement;
  private readonly applyBatch: (events: readonly RecordedEvent[], checkpoint: number) => LedgerFact[];

  constructor(
    readonly name: string,
    /** Stream-name prefixes this view reads (`body-`, `delegation-`...). */
    private readonly streams: readonly string[],
    private readonly db: Database.Database,
  ) {
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
    this.saveCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (projection, position) VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position',
    );
    // Rows and checkpoint in one transaction: the projection is never ahead of or behind its checkpoint.
    this.applyBatch = db.transaction((events: readonly RecordedEvent[], checkpoint: number) => {
      const kept: LedgerFact[] = [];
      for (const event of events) {
        if (!this.reads(event.stream)) continue;
        this.insert.run(event.globalPosition, event.id, event.stream, event.type, JSON.stringify(event.data), event.recordedAt);
        kept.push({ id: event.id, stream: event.stream, type: event.type, data: event.data, position: event.globalPosition, recordedAt: event.recordedAt });
      }
      this.saveCheckpoint.run(this.name, checkpoint);
      return kept;
    });
  }

  get table(): string {
    return `facts_${this.name.replace(/[^a-z]/g, '_')}`;
  }

  reads(stream: string): boolean {
    return this.streams.some((prefix) => stream.startsWith(prefix));
  }

  /** Applies a batch of events in global order and moves the checkpoint to `checkpoint`; returns the facts kept. */
  apply(events: readonly RecordedEvent[], checkpoint: number): LedgerFact[] {
    return this.applyBatch(events, checkpoint);
  }

  /** Every fact the projection holds, in position order. */
  load(): LedgerFact[] {
    const rows = this.db.prepare(`SELECT position, id, stream, type, data, recorded_at FROM ${this.table} ORDER BY position`).raw(true).all() as [
      number,
      string,
      string,
      string,
      string,
      string,
    ][];
    return rows.map(([position, id, stream, type, data, recordedAt]) => ({ position, id, stream, type, data: JSON.parse(data), recordedAt }));
  }

  drop(): void {
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${this.table}`);
      this.db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(this.name);
    })();
  }
}
