import { SHARED_POSTGRES, SharedPostgres } from '../store/shared-postgres';
import { ALWAYS_HELD, PostgresAdvisoryLock, PUBLIC_WRITER_LOCK_KEY, SignerLock } from '../transparency/signer-lock';

/**
 * Which node writes the public projection: one at a time, as with the signer. Every node keeps its own
 * `public.sqlite`; only the lock's holder writes it, and a node taking over catches its file up from its own
 * checkpoint. Without a shared PostgreSQL there is one node and it always holds the lock.
 */
export const PUBLIC_WRITER_LOCK = Symbol('PUBLIC_WRITER_LOCK');

export const publicWriterLockProvider = {
  provide: PUBLIC_WRITER_LOCK,
  inject: [SHARED_POSTGRES],
  useFactory: async (shared: SharedPostgres): Promise<SignerLock> => {
    if (!shared) return ALWAYS_HELD;
    const lock = new PostgresAdvisoryLock(shared.options, 1000, PUBLIC_WRITER_LOCK_KEY, 'public writer');
    await lock.settled();
    return lock;
  },
};
