import { Logger } from '@nestjs/common';
import { RecordedEvent } from '@ledger/event-store';
import type { LedgerFact, MeetingEvent } from '@ledger/governance';
import { Projection } from './projection';
import { ReadModelDatabase } from './read-model-database';
import { ContentSealing } from '../confidentiality/content-sealing';

/** The facts that change who may read content, whatever the basis of an answer. */
export const CONTENT_RIGHTS_EVENTS = ['ConfidentialityImposed', 'ConfidentialityLifted', 'ConfidentialContentErased'];

/**
 * Destroys the key of every erasure recorded (again after a crash between the append and the key's
 * destruction, on every replay), and keeps the position of the last fact that changed who may read
 * content: public answers' ETags carry it, so a cache never serves an answer from before an erasure.
 */
export class ContentRightsProjection implements Projection {
  readonly name = 'content-rights';
  readonly filter = { eventTypes: CONTENT_RIGHTS_EVENTS };
  private readonly applyBatch: (events: readonly RecordedEvent[], checkpoint: number) => void;
  private readonly statements;
  /** Kept in memory too: every public read's ETag asks for it. */
  private lastChange: number;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly sealing: ContentSealing,
  ) {
    const { db } = database;
    db.exec('CREATE TABLE IF NOT EXISTS content_rights (id INTEGER PRIMARY KEY CHECK (id = 1), changed_at INTEGER NOT NULL) STRICT;');
    this.statements = {
      changedAt: db.prepare('SELECT changed_at FROM content_rights WHERE id = 1').pluck(),
      save: db.prepare(
        'INSERT INTO content_rights (id, changed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET changed_at = excluded.changed_at',
      ),
    };
    this.lastChange = (this.statements.changedAt.get() as number | undefined) ?? 0;
    this.applyBatch = db.transaction((events: readonly RecordedEvent[], checkpoint: number) => {
      for (const event of events) {
        if (event.type === 'ConfidentialContentErased')
          // Inside this transaction on SQLite; on PostgreSQL the write that recorded the erasure destroyed it already.
          void this.sealing
            .destroy(event as unknown as Extract<MeetingEvent, { type: 'ConfidentialContentErased' }>)
            .catch((error: Error) => Logger.error(`content key not destroyed: ${error.message}`, 'ContentRights'));
      }
      if (events.length > 0) this.statements.save.run(events[events.length - 1].globalPosition);
      database.saveCheckpoint(this.name, checkpoint);
    });
  }

  /** The ledger position of the last fact that changed who may read content (0: none yet). */
  get changedAt(): number {
    return this.lastChange;
  }

  apply(events: readonly RecordedEvent[], checkpoint: number): LedgerFact[] {
    this.applyBatch(events, checkpoint);
    // After the commit: the memory never runs ahead of the rows.
    if (events.length > 0) this.lastChange = events[events.length - 1].globalPosition;
    return [];
  }

  drop(): void {
    this.database.db.transaction(() => {
      this.database.db.exec('DELETE FROM content_rights;');
      this.database.forgetCheckpoint(this.name);
    })();
    this.lastChange = 0;
  }
}
