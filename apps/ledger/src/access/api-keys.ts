import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LocalDatabase } from '../local-database/local-database';
import { Actor, Role, ROLES } from './actor';

export interface IssuedKey {
  keyId: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  role: Role;
  bodies: string[];
  person: string | null;
}

/** A key as `keys list` shows it: never its token nor its hash. */
export interface KeyRecord {
  keyId: string;
  person: string | null;
  role: Role;
  bodies: string[];
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

interface KeyRow {
  keyId: string;
  tokenHash: string;
  role: Role;
  bodies: string;
  person: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** `ldg_<keyId>_<secret>`: the key id is public (it is in every event the key records), the secret is not. */
const TOKEN = /^ldg_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;
/** Compared against when no key has the id asked for, so an unknown key costs the same work as a known one. */
const NO_KEY_HASH = hashToken(`ldg_000000000000_${'0'.repeat(32)}`);
const NO_KEY_ID = '-';
const COLUMNS = 'key_id AS keyId, token_hash AS tokenHash, role, bodies, person, label, created_at AS createdAt, revoked_at AS revokedAt';

/**
 * API keys, each given to a person, stored as the SHA-256 of the token only (the token has 192 random bits: a
 * slow hash would add nothing). A key is found by its public id and its hash compared in constant time; a
 * revoked key is refused exactly as an unknown one, with the same work, at the next request (every request
 * reads this table, so `keys revoke` in another process takes effect at once).
 */
@Injectable()
export class ApiKeys {
  private readonly byKeyId;

  constructor(private readonly local: LocalDatabase) {
    // Prepared once: every authenticated request asks.
    this.byKeyId = local.db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE key_id = ?`);
  }

  create(role: Role, bodies: string[], { person, label }: { person?: string; label?: string } = {}): IssuedKey {
    if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
    if (role === 'officer' && bodies.length === 0) throw new Error('an officer key needs at least one --body');
    const name = person?.trim();
    if (person !== undefined && !name) throw new Error('--name must name the person the key is given to');
    const keyId = randomBytes(6).toString('hex');
    const token = `ldg_${keyId}_${randomBytes(24).toString('base64url')}`;
    this.local.db
      .prepare('INSERT INTO api_keys (key_id, token_hash, role, bodies, person, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(keyId, hashToken(token), role, JSON.stringify(bodies), name ?? null, label ?? null, new Date().toISOString());
    return { keyId, token, role, bodies, person: name ?? null };
  }

  /** Every key, oldest first. */
  list(): KeyRecord[] {
    return (this.local.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, key_id`).all() as KeyRow[]).map(recordOf);
  }

  /** Revokes the key `keyId` from `at` on: 'revoked', 'already-revoked' (left as it was), or 'unknown'. */
  revoke(keyId: string, at: Date = new Date()): 'revoked' | 'already-revoked' | 'unknown' {
    const row = this.byKeyId.get(keyId) as KeyRow | undefined;
    if (!row) return 'unknown';
    if (row.revokedAt) return 'already-revoked';
    this.local.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL').run(at.toISOString(), keyId);
    return 'revoked';
  }

  /** The person a key names, for the record of who recorded what (GET /ledger/changes); null when it names none. */
  personOf(keyId: string): string | null {
    return (this.byKeyId.get(keyId) as KeyRow | undefined)?.person ?? null;
  }

  /** The holder of the key `keyId` while it is not revoked (a workspace session asks at each request). */
  holderOf(keyId: string): Actor | undefined {
    const row = this.byKeyId.get(keyId) as KeyRow | undefined;
    return row && !row.revokedAt ? actorOf(row) : undefined;
  }

  /** The key's holder, or undefined for a token that is malformed, unknown or revoked: all three the same work. */
  authenticate(token: string): Actor | undefined {
    const match = TOKEN.exec(token);
    const row = this.byKeyId.get(match ? match[1] : NO_KEY_ID) as KeyRow | undefined;
    const same = timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(row?.tokenHash ?? NO_KEY_HASH, 'hex'));
    return row && same && !row.revokedAt ? actorOf(row) : undefined;
  }
}

function recordOf(row: KeyRow): KeyRecord {
  const { keyId, person, role, bodies, label, createdAt, revokedAt } = row;
  return { keyId, person, role, bodies: JSON.parse(bodies), label, createdAt, revokedAt };
}

function actorOf(row: KeyRow): Actor {
  return { keyId: row.keyId, role: row.role, bodies: JSON.parse(row.bodies), person: row.person };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
