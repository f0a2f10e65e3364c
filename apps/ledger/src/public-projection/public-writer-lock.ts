import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import type { Pool } from 'pg';
import { ledgerConfig } from '../config/ledger.config';
import { ALWAYS_HELD, PostgresAdvisoryLock, PUBLIC_WRITER_LOCK_KEY, SignerLock } from '../transparency/signer-lock';

/**
 * Which node writes the public projection: one at a time, as with the signer. Every node keeps its own
 * `public.sqlite`; only the lock's holder writes it, and a node taking over catches its file up from its own
 * checkpoint. On the embedded store there is one node and it always holds the lock.
 */
export const PUBLIC_WRITER_LOCK = Symbol('PUBLIC_WRITER_LOCK');

export const publicWriterLockProvider = {
  provide: PUBLIC_WRITER_LOCK,
  inject: [EVENT_STORE, ledgerConfig.KEY],
  useFactory: async (store: EventStore, config: ConfigType<typeof ledgerConfig>): Promise<SignerLock> => {
    if (config.store !== 'postgres') return ALWAYS_HELD;
    const lock = new PostgresAdvisoryLock(
      (store as EventStore & { pool: Pool }).pool.options,
      1000,
      PUBLIC_WRITER_LOCK_KEY,
      'public writer',
    );
    await lock.settled();
    return lock;
  },
};
