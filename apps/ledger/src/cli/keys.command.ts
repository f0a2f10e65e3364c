import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { bodyStream } from '@ledger/governance';
import { ApiKeys, KeyRecord } from '../access/api-keys';
import { Role } from '../access/actor';
import { keyPlaces } from '../config/ledger.config';
import { moveSecrets } from '../config/keys-dir';
import { DecisionContextReader } from '../recording/decision-context';
import { Ledger } from './ledger-context';

/** `npm run ledger -- keys move`: the private keys of an older layout, moved out of the data folder into LEDGER_KEYS_DIR. */
export function moveKeys(out: (line: string) => void): number {
  const places = keyPlaces();
  const { moved } = moveSecrets(places);
  if (moved.length === 0) out(`no private key in ${places.dataDir}: nothing to move (the keys are in ${places.keysDir})`);
  for (const [from, to] of moved) out(`moved ${from} to ${to}`);
  return 0;
}

/** `keys create --name "Full Name" --role R [--body B ...] [--label TEXT]`: the token is printed once, only its hash kept. */
export async function createKey(ledger: Ledger, options: Record<string, string[]>, out: (line: string) => void): Promise<number> {
  const person = options.name?.[0];
  if (!person?.trim()) throw new Error('no key created: --name "Full Name" names the person the key is given to');
  const bodies = options.body ?? [];
  const unknown = await unrecordedBodies(ledger.get<EventStore>(EVENT_STORE), bodies);
  if (unknown.length > 0) {
    throw new Error(`no key created: the ledger records no body ${unknown.join(', ')} (stream ${unknown.map(bodyStream).join(', ')})`);
  }
  const key = ledger.get(ApiKeys).create(options.role?.[0] as Role, bodies, { person, label: options.label?.[0] });
  await key.stored;
  out(`created ${key.role} key ${key.keyId} for ${key.person}${key.bodies.length ? `, serving ${key.bodies.join(', ')}` : ''}`);
  out(key.token);
  return 0;
}

/** `keys list`: every key by its public id, never its token or hash. */
export async function listKeys(ledger: Ledger, out: (line: string) => void): Promise<number> {
  const keys = await ledger.get(ApiKeys).list();
  if (keys.length === 0) out('no keys (npm run ledger -- keys create --name "Full Name" --role admin)');
  else out(['id', 'person', 'role', 'bodies', 'created', 'revoked'].join('\t'));
  for (const key of keys) out(describeKey(key));
  return 0;
}

function describeKey({ keyId, person, role, bodies, label, createdAt, revokedAt }: KeyRecord): string {
  const who = person ?? `(no person named${label ? `; label: ${label}` : ''})`;
  return [keyId, who, role, bodies.join(',') || '-', createdAt, revokedAt ?? '-'].join('\t');
}

/** `keys revoke ID`: refused from now on, by the API and in every open workspace session. */
export async function revokeKey(ledger: Ledger, keyId: string, out: (line: string) => void): Promise<number> {
  const outcome = await ledger.get(ApiKeys).revoke(keyId);
  if (outcome === 'unknown') {
    out(`no key ${keyId} (npm run ledger -- keys list shows the ids)`);
    return 1;
  }
  out(outcome === 'revoked' ? `revoked key ${keyId}: it is refused from now on` : `key ${keyId} was already revoked`);
  return 0;
}

/** The ids among `bodyIds` for which no body is recorded in its `body-<id>` stream (corrections applied). */
export async function unrecordedBodies(store: EventStore, bodyIds: readonly string[]): Promise<string[]> {
  const { bodies } = await new DecisionContextReader(store, '').load({ bodies: bodyIds });
  return [...new Set(bodyIds)].filter((bodyId) => !bodies.has(bodyId));
}
