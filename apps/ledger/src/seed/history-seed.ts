import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ledgerConfig } from '../config/ledger.config';
import { CommandImport } from '../import/command-import';
import { LocalDatabase } from '../local-database/local-database';

export type SeedOutcome = { seeded: true; file: string; recorded: number; resumedAfterLine: number } | { seeded: false; reason: string };

/**
 * Seeds an empty ledger with the real history (apps/ledger/seed/history.jsonl) once: an empty store is
 * seeded; a store holding anything else is left alone; a seed cut off midway resumes where it stopped
 * (progress is kept beside the store), so the history is never recorded twice.
 */
@Injectable()
export class HistorySeed {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly importer: CommandImport,
    private readonly local: LocalDatabase,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {
    local.db.exec(`
      CREATE TABLE IF NOT EXISTS seed_progress (
        file_hash    TEXT PRIMARY KEY,
        line         INTEGER NOT NULL,
        completed_at TEXT
      ) STRICT;
    `);
  }

  async seedIfEmpty(): Promise<SeedOutcome> {
    const file = this.config.seedFile;
    if (!existsSync(file)) return { seeded: false, reason: `no seed file at ${file}` };
    const text = readFileSync(file, 'utf8');
    const fileHash = createHash('sha256').update(text).digest('hex');
    const progress = this.local.db
      .prepare('SELECT line, completed_at AS completedAt FROM seed_progress WHERE file_hash = ?')
      .get(fileHash) as { line: number; completedAt: string | null } | undefined;
    if (progress?.completedAt) return { seeded: false, reason: `already seeded from ${file} on ${progress.completedAt}` };
    const head = await this.store.head();
    if (head.position > 0 && !progress) return { seeded: false, reason: `the ledger already holds ${head.eventCount} events` };

    const saveProgress = this.local.db.prepare(
      'INSERT INTO seed_progress (file_hash, line) VALUES (?, ?) ON CONFLICT (file_hash) DO UPDATE SET line = excluded.line',
    );
    const afterLine = progress?.line ?? 0;
    const { recorded } = await this.importer.importText(text, { afterLine, onLineDone: (line) => saveProgress.run(fileHash, line) });
    this.local.db.prepare('UPDATE seed_progress SET completed_at = ? WHERE file_hash = ?').run(new Date().toISOString(), fileHash);
    return { seeded: true, file, recorded, resumedAfterLine: afterLine };
  }
}
