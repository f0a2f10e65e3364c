import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreKind = 'sqlite' | 'kurrentdb';

export interface EventStoreSettings {
  kind: EventStoreKind;
  /** Folder of the embedded store's file (sqlite). */
  dataDir?: string;
  /** Connection string, e.g. kurrentdb://localhost:2113?tls=false (kurrentdb). */
  kurrentDbUrl?: string;
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
    default: {
      const unknownKind: never = settings.kind;
      throw new Error(`unknown event store kind: ${String(unknownKind)}`);
    }
  }
}
