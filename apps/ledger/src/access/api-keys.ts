import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { LocalDatabase } from '../local-database/local-database';
import { Actor, Role, ROLES } from './actor';
import { API_KEY_STORE, ApiKeyStore, SqliteApiKeyStore, StoredApiKey } from './api-key-store';

export interface IssuedKey {
  keyId: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  role: Role;
  bodies: string[];
  /** Resolves once the key is stored where every node finds it (at once on SQLite); the CLI waits for it. */
  stored: Promise<void>;
}

/**
 * API keys, stored hashed (api-key-store.ts: this node's SQLite, or PostgreSQL shared by every node). The
 * token is `ldg_<keyId>_<secret>`. Keys found are kept in memory: a key is never changed once issued.
 */
@Injectable()
export class ApiKeys {
  private readonly store: ApiKeyStore;
  private readonly known = new Map<string, Actor>();

  constructor(@Inject(API_KEY_STORE) store: ApiKeyStore | LocalDatabase) {
    this.store = store instanceof LocalDatabase ? new SqliteApiKeyStore(store) : store;
  }

  create(role: Role, bodies: string[], label?: string): IssuedKey {
    if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
    if (role === 'officer' && bodies.length === 0) throw new Error('an officer key needs at least one --body');
    const keyId = randomBytes(6).toString('hex');
    const token = `ldg_${keyId}_${randomBytes(24).toString('base64url')}`;
    const key: StoredApiKey = {
      keyId,
      tokenHash: hashToken(token),
      role,
      bodies,
      label: label ?? null,
      createdAt: new Date().toISOString(),
    };
    const stored = Promise.resolve(this.store.insert(key));
    // This node accepts the key at once; the others once it is stored.
    this.known.set(key.tokenHash, { keyId, role, bodies });
    stored.catch((error: unknown) => {
      this.known.delete(key.tokenHash);
      Logger.error(`API key ${keyId} was not stored: ${error instanceof Error ? error.message : String(error)}`, 'ApiKeys');
    });
    return { keyId, token, role, bodies, stored };
  }

  /**
   * The person a key names, for the record of who recorded what (GET /ledger/changes). Keys name no person yet
   * (a label is not a name): null, until keys are created with one.
   */
  personOf(_keyId: string): string | null {
    return null;
  }

  /** The key's holder, or undefined for an unknown token (a promise when the store is a server's). */
  authenticate(token: string): Actor | undefined | Promise<Actor | undefined> {
    const tokenHash = hashToken(token);
    const known = this.known.get(tokenHash);
    if (known) return known;
    const found = this.store.byTokenHash(tokenHash);
    return found instanceof Promise ? found.then((key) => this.remember(key)) : this.remember(found);
  }

  private remember(key: StoredApiKey | undefined): Actor | undefined {
    if (!key) return undefined;
    const actor = { keyId: key.keyId, role: key.role, bodies: key.bodies };
    this.known.set(key.tokenHash, actor);
    return actor;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
