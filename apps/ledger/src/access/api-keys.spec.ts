import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDatabase } from '../local-database/local-database';
import { ApiKeys } from './api-keys';

/** The key store: a person's keys, hashed, listed by their public id, revoked; a store from before migrated in place. */
describe('API keys', () => {
  let folder: string;
  let local: LocalDatabase;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'api-keys-'))));
  afterEach(() => {
    local?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('given a key store made before keys named people, when the ledger opens it, then its keys still work, naming no person', () => {
    const token = `ldg_0123456789ab_${'A'.repeat(32)}`;
    const old = new Database(join(folder, 'ledger-local.sqlite'));
    old.exec(`CREATE TABLE api_keys (key_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
      bodies TEXT NOT NULL, label TEXT, created_at TEXT NOT NULL) STRICT`);
    old
      .prepare('INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        '0123456789ab',
        createHash('sha256').update(token).digest('hex'),
        'officer',
        '["nhs-x-ccg"]',
        'old laptop',
        '2024-01-01T00:00:00Z',
      );
    old.close();

    local = new LocalDatabase(folder);
    const keys = new ApiKeys(local);
    expect(keys.authenticate(token)).toEqual({ keyId: '0123456789ab', role: 'officer', bodies: ['nhs-x-ccg'], person: null });
    expect(keys.list()).toEqual([
      {
        keyId: '0123456789ab',
        person: null,
        role: 'officer',
        bodies: ['nhs-x-ccg'],
        label: 'old laptop',
        createdAt: '2024-01-01T00:00:00Z',
        revokedAt: null,
      },
    ]);
    // Opening it again changes nothing.
    local.close();
    local = new LocalDatabase(folder);
    expect(new ApiKeys(local).list()).toHaveLength(1);
  });

  it('given a key, when it is revoked, then it is refused as an unknown key is, and revoking it again changes nothing', () => {
    local = new LocalDatabase(folder);
    const keys = new ApiKeys(local);
    const key = keys.create('admin', [], { person: 'Ada Admin' });
    expect(keys.authenticate(key.token)).toMatchObject({ keyId: key.keyId, person: 'Ada Admin' });
    expect(keys.revoke(key.keyId, new Date('2026-01-02T03:04:05Z'))).toBe('revoked');
    expect(keys.authenticate(key.token)).toBeUndefined();
    expect(keys.holderOf(key.keyId)).toBeUndefined();
    expect(keys.revoke(key.keyId)).toBe('already-revoked');
    expect(keys.revoke('ffffffffffff')).toBe('unknown');
    expect(keys.list()).toEqual([
      expect.objectContaining({ keyId: key.keyId, person: 'Ada Admin', revokedAt: '2026-01-02T03:04:05.000Z' }),
    ]);
    // The key's secret with another id, or the id with another secret, is no key.
    // The secret is base64url, so it may itself hold an underscore.
    const [id, secret] = [key.keyId, key.token.slice(`ldg_${key.keyId}_`.length)];
    expect(keys.authenticate(`ldg_${'0'.repeat(12)}_${secret}`)).toBeUndefined();
    const other = keys.create('admin', [], { person: 'Bo Admin' });
    expect(keys.authenticate(`ldg_${other.keyId}_${secret}`)).toBeUndefined();
    expect(keys.authenticate(`ldg_${id}`)).toBeUndefined();
    expect(JSON.stringify(local.db.prepare('SELECT * FROM api_keys').all())).not.toContain(secret);
  });

  it('refuses a key without a person named, when a name is asked for, and an officer key without a body', () => {
    local = new LocalDatabase(folder);
    const keys = new ApiKeys(local);
    expect(() => keys.create('admin', [], { person: '   ' })).toThrow('--name must name the person');
    expect(() => keys.create('officer', [], { person: 'Olu Officer' })).toThrow('an officer key needs at least one --body');
    expect(keys.list()).toEqual([]);
  });
});
