import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LocalDatabase } from '../local-database/local-database';
import { Actor, Role, ROLES } from './actor';
import { API_KEY_STORE, ApiKeyStore, Revocation, SqliteApiKeyStore, StoredApiKey } from './api-key-store';

export interface IssuedKey {
  keyId: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  role: Role;
  bodies: string[];
  person: string | null;
  /** Resolves once the key is stored where every node finds it (at once on SQLite); the CLI waits for it. */
  stored: Promise<void>;
}

/** A key as `keys list` shows it: never its token nor its hash. */
export type KeyRecord = Omit<StoredApiKey, 'tokenHash'>;

/** An answer at once from this node's SQLite, or a promise from PostgreSQL: callers `await` it either way. */
export type Answer<T> = T | Promise<T>;

/** `ldg_<keyId>_<secret>`: the key id is public (it is in every event the key records), the secret is not. */
const TOKEN = /^ldg_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;
/** Compared against when no key has the id asked for, so an unknown key costs the same work as a known one. */
const NO_KEY_HASH = hashToken(`ldg_000000000000_${'0'.repeat(32)}`);
const NO_KEY_ID = '-';

/**
 * API keys, each given to a person, stored as the SHA-256 of the token only (the token has 192 random bits: a
 * slow hash would add nothing), in this node's SQLite or in PostgreSQL shared by every node (api-key-store.ts).
 * A key is found by its public id and its hash compared in constant time; a revoked key is refused exactly as
 * an unknown one, with the same work. Nothing is cached: every request reads the store, so `keys revoke` on
 * any node or process takes effect at the next request everywhere.
 */
@Injectable()
export class ApiKeys {
  private readonly store: ApiKeyStore;
  /** Keys issued here whose insert is still on its way to PostgreSQL: a request with one waits for it. */
  private readonly storing = new Map<string, Promise<void>>();

  constructor(@Inject(API_KEY_STORE) store: ApiKeyStore | LocalDatabase) {
    this.store = store instanceof LocalDatabase ? new SqliteApiKeyStore(store) : store;
  }

  create(role: Role, bodies: string[], { person, label }: { person?: string; label?: string } = {}): IssuedKey {
    if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
    if (role === 'officer' && bodies.length === 0) throw new Error('an officer key needs at least one --body');
    const name = person?.trim();
    if (person !== undefined && !name) throw new Error('--name must name the person the key is given to');
    const keyId = randomBytes(6).toString('hex');
    const token = `ldg_${keyId}_${randomBytes(24).toString('base64url')}`;
    const key: StoredApiKey = {
      keyId,
      tokenHash: hashToken(token),
      role,
      bodies,
      person: name ?? null,
      label: label ?? null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    const inserted = this.store.insert(key);
    const stored = Promise.resolve(inserted);
    if (inserted instanceof Promise) {
      const settled = stored
        .catch((error: unknown) =>
          Logger.error(`API key ${keyId} was not stored: ${error instanceof Error ? error.message : String(error)}`, 'ApiKeys'),
        )
        .finally(() => this.storing.delete(keyId));
      this.storing.set(keyId, settled);
    }
    return { keyId, token, role, bodies, person: key.person, stored };
  }

  /** Every key, oldest first. */
  list(): Answer<KeyRecord[]> {
    return after(this.store.list(), (keys) => keys.map(({ tokenHash: _hash, ...record }) => record));
  }

  /** Revokes the key `keyId` from `at` on: 'revoked', 'already-revoked' (left as it was), or 'unknown'. */
  revoke(keyId: string, at: Date = new Date()): Answer<Revocation> {
    return this.store.revoke(keyId, at.toISOString());
  }

  /** The person a key names, for the record of who recorded what (GET /ledger/changes); null when it names none. */
  personOf(keyId: string): Answer<string | null> {
    return after(this.lookUp(keyId), (key) => key?.person ?? null);
  }

  /** The holder of the key `keyId` while it is not revoked (a workspace session asks at each request). */
  holderOf(keyId: string): Answer<Actor | undefined> {
    return after(this.lookUp(keyId), (key) => (key && !key.revokedAt ? actorOf(key) : undefined));
  }

  /** The key's holder, or undefined for a token that is malformed, unknown or revoked: all three the same work. */
  authenticate(token: string): Answer<Actor | undefined> {
    const match = TOKEN.exec(token);
    return after(this.lookUp(match ? match[1] : NO_KEY_ID), (key) => {
      const same = timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(key?.tokenHash ?? NO_KEY_HASH, 'hex'));
      return key && same && !key.revokedAt ? actorOf(key) : undefined;
    });
  }

  private lookUp(keyId: string): Answer<StoredApiKey | undefined> {
    const storing = this.storing.get(keyId);
    return storing ? storing.then(() => this.store.byKeyId(keyId)) : this.store.byKeyId(keyId);
  }
}

/** `then` that stays synchronous when the store answered at once (SQLite), so no request waits a tick for it. */
function after<T, U>(answer: Answer<T>, next: (value: T) => U): Answer<U> {
  return answer instanceof Promise ? answer.then(next) : next(answer);
}

function actorOf(key: StoredApiKey): Actor {
  return { keyId: key.keyId, role: key.role, bodies: key.bodies, person: key.person };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
