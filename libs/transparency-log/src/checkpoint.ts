import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { HASH_SIZE, Hash } from './hashing';

/**
 * Checkpoints in the C2SP tlog-checkpoint format (origin line, decimal tree size, base64 root hash,
 * each ending in a newline), signed as a C2SP signed note: the body, a blank line, then
 * "— <key name> <base64(key ID || Ed25519 signature)>". The key ID is the first four bytes of
 * SHA-256(key name || 0x0A || 0x01 || public key), 0x01 being the Ed25519 signature type.
 * Only node:crypto, so an auditor's verifier can take this file on its own.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Hash;
}

const ED25519_TYPE = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';

export function checkpointBody(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.rootHash.toString('base64')}\n`;
}

/** The checkpoint a note's body states, or a reason it is not one. */
export function parseCheckpointBody(body: string): Checkpoint | string {
  const lines = body.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') return 'a checkpoint has an origin, a size and a root hash, one a line';
  const [origin, size, root] = lines;
  if (!origin) return 'the checkpoint has no origin';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return `the tree size "${size}" is not a number`;
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== root) return `the root hash "${root}" is not 32 bytes of base64`;
  return { origin, size: Number(size), rootHash };
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('the ledger signs with Ed25519 keys only');
  return Buffer.from(jwk.x, 'base64url');
}

export function keyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519_TYPE]), rawPublicKey(publicKey)]))
    .digest()
    .subarray(0, 4);
}

/** The note verifier key as Go's sumdb/note and C2SP tools exchange it: name+hex(key ID)+base64(0x01 || key). */
export function verifierKey(name: string, publicKey: KeyObject): string {
  const typed = Buffer.concat([Buffer.from([ED25519_TYPE]), rawPublicKey(publicKey)]);
  return `${name}+${keyId(name, publicKey).toString('hex')}+${typed.toString('base64')}`;
}

/** A public key from PEM (SPKI) or a verifier key string. */
export function publicKeyFrom(text: string): { key: KeyObject; name?: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    const key = trimmed.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(trimmed)) : createPublicKey(trimmed);
    return { key };
  }
  // name+hash+key; the base64 key itself may hold '+'.
  const [name, hash] = trimmed.split('+', 2);
  const bytes = Buffer.from(trimmed.slice(`${name}+${hash}+`.length), 'base64');
  if (!name || bytes.length !== 33 || bytes[0] !== ED25519_TYPE) throw new Error('not a PEM public key nor an Ed25519 verifier key');
  const key = createPublicKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(1).toString('base64url') } });
  if (keyId(name, key).toString('hex') !== hash) throw new Error(`the verifier key's ID ${hash} is not that of its name and key`);
  return { key, name };
}

/** A C2SP signed note: `body` (newline-terminated), a blank line, one Ed25519 signature line. */
export function signNote(body: string, keyName: string, privateKey: KeyObject): string {
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  const publicKey = createPublicKey(privateKey);
  return `${body}\n${SIGNATURE_PREFIX}${keyName} ${Buffer.concat([keyId(keyName, publicKey), signature]).toString('base64')}\n`;
}

export function signCheckpoint(checkpoint: Checkpoint, keyName: string, privateKey: KeyObject): string {
  return signNote(checkpointBody(checkpoint), keyName, privateKey);
}

export type OpenedNote = { ok: true; body: string } | { ok: false; reason: string };

/**
 * The body of a signed note, if it carries a valid signature by `keyName`'s `publicKey`. Signatures
 * by other keys are ignored (C2SP: a verifier skips keys it does not know); one with this key name
 * and key ID that does not verify rejects the note.
 */
export function openNote(note: string, keyName: string, publicKey: KeyObject): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, reason: 'not a signed note: no blank line before the signatures' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) return { ok: false, reason: 'a signed note holds no control characters but newlines' };
  const body = note.slice(0, split + 1);
  const expectedId = keyId(keyName, publicKey);
  let verified = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return { ok: false, reason: `malformed signature line "${line}"` };
    const [name, encoded, extra] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    const bytes = Buffer.from(encoded ?? '', 'base64');
    if (!name || extra !== undefined || bytes.length < 5) return { ok: false, reason: `malformed signature line "${line}"` };
    if (name !== keyName || !bytes.subarray(0, 4).equals(expectedId)) continue;
    if (bytes.length !== 68 || !verify(null, Buffer.from(body, 'utf8'), publicKey, bytes.subarray(4))) {
      return { ok: false, reason: `the signature by ${keyName} does not verify` };
    }
    verified = true;
  }
  if (!verified) return { ok: false, reason: `no signature by the ledger's key (${keyName}, key ID ${expectedId.toString('hex')})` };
  return { ok: true, body };
}

export type OpenedCheckpoint = { ok: true; checkpoint: Checkpoint; note: string } | { ok: false; reason: string };

/** The checkpoint of a signed note, if `keyName`'s key signed it and it is for `origin`. */
export function openCheckpoint(note: string, keyName: string, publicKey: KeyObject, origin = keyName): OpenedCheckpoint {
  const opened = openNote(note, keyName, publicKey);
  if (!opened.ok) return opened;
  const checkpoint = parseCheckpointBody(opened.body);
  if (typeof checkpoint === 'string') return { ok: false, reason: checkpoint };
  if (checkpoint.origin !== origin) return { ok: false, reason: `the checkpoint is for origin "${checkpoint.origin}", not "${origin}"` };
  return { ok: true, checkpoint, note };
}
