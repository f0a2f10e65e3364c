import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreKind = 'sqlite' | 'kurrentdb' | 'postgres';

export interface EventStoreSettings {
  kind: EventStoreKind;
  /** Folder of the embedded store's file (sqlite). */
  dataDir?: string;
  /** Connection string, e.g. kurrentdb://localhost:2113?tls=false (kurrentdb). */
  kurrentDbUrl?: string;
  /** Connection string, e.g. postgres://ledger:…@db.internal:5432/ledger (postgres). */
  postgresUrl?: string;
}

export const SQLITE_FILE_NAME = 'ledger.sqlite';

export async function openEventStore(settings: EventStoreSettings): Promise<EventStore> {
  switch (settings.kind) {
    case 'sqlite':
      return new SqliteEventStore(join(settings.dataDir ?? './data', SQLITE_FILE_NAME));
    case 'kurrentdb': {
      if (!settings.kurrentDbUrl) throw new Error('LEDGER_STORE=kurrentdb needs KURRENTDB_URL');
      // Loaded only when chosen: the embedded setup never needs the gRPC client or its native bridge.
      const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store');
      return KurrentDbEventStore.connect(settings.kurrentDbUrl);
    }
    case 'postgres': {
      if (!settings.postgresUrl) throw new Error('LEDGER_STORE=postgres needs LEDGER_POSTGRES_URL');
      // Loaded only when chosen, like KurrentDB's client.
      const { PostgresEventStore } = await import('./postgres/postgres-event-store');
      return PostgresEventStore.connect(settings.postgresUrl);
    }
    default: {
      const unknownKind: never = settings.kind;
      throw new Error(`unknown event store kind: ${String(unknownKind)}`);
    }
  }
}
