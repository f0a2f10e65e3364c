import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { LocalDatabase } from '../local-database/local-database';
import { Actor, Role, ROLES } from './actor';

export interface IssuedKey {
  keyId: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  role: Role;
  bodies: string[];
}

/** API keys, stored hashed. The token is `ldg_<keyId>_<secret>`. */
@Injectable()
export class ApiKeys {
  private readonly byTokenHash;

  constructor(private readonly local: LocalDatabase) {
    // Prepared once: every authenticated request asks.
    this.byTokenHash = local.db.prepare('SELECT key_id AS keyId, role, bodies FROM api_keys WHERE token_hash = ?');
  }

  create(role: Role, bodies: string[], label?: string): IssuedKey {
    if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
    if (role === 'officer' && bodies.length === 0) throw new Error('an officer key needs at least one --body');
    const keyId = randomBytes(6).toString('hex');
    const token = `ldg_${keyId}_${randomBytes(24).toString('base64url')}`;
    this.local.db
      .prepare('INSERT INTO api_keys (key_id, token_hash, role, bodies, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(keyId, hashToken(token), role, JSON.stringify(bodies), label ?? null, new Date().toISOString());
    return { keyId, token, role, bodies };
  }

  /**
   * The person a key names, for the record of who recorded what (GET /ledger/changes). Keys name no person yet
   * (a label is not a name): null, until keys are created with one.
   */
  personOf(_keyId: string): string | null {
    return null;
  }

  /** The key's holder, or undefined for an unknown token. */
  authenticate(token: string): Actor | undefined {
    const row = this.byTokenHash.get(hashToken(token)) as { keyId: string; role: Role; bodies: string } | undefined;
    return row && { keyId: row.keyId, role: row.role, bodies: JSON.parse(row.bodies) };
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
