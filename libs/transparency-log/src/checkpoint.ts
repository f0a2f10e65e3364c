import { createPrivateKey, createPublicKey, KeyObject, sign } from 'node:crypto';
import { cosignedMessage, ED25519, ED25519_COSIGNATURE_V1, verifierKeyOf, VerifierKey } from './verifier/ledger-verify';
import { Hash } from './hashing';

/**
 * Signing, the ledger's and a witness's: checkpoints in the C2SP tlog-checkpoint format (origin line, decimal
 * tree size, base64 root hash, each ending in a newline) signed as C2SP signed notes, and C2SP tlog-cosignature
 * Ed25519 cosignature/v1 lines. Everything that *checks* a signature is in verifier/ledger-verify.ts.
 */
export interface CheckpointBody {
  origin: string;
  size: number;
  rootHash: Hash;
}

const SIGNATURE_PREFIX = '\u2014 ';

export function checkpointBody(checkpoint: CheckpointBody): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.rootHash.toString('base64')}\n`;
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('the ledger signs with Ed25519 keys only');
  return Buffer.from(jwk.x, 'base64url');
}

/** A private key and the verifier key (name, type, key ID) its signature lines carry. */
export interface NoteSigner {
  privateKey: KeyObject;
  verifierKey: VerifierKey;
}

/** The signer of `privateKey` under `name`: type 0x01 for a log's notes, 0x04 for a witness's cosignatures. */
export async function noteSigner(name: string, privateKey: KeyObject, type: number = ED25519): Promise<NoteSigner> {
  return { privateKey, verifierKey: await verifierKeyOf(name, type, rawPublicKey(createPublicKey(privateKey))) };
}

function signatureLine({ verifierKey }: NoteSigner, signature: Uint8Array): string {
  return `${SIGNATURE_PREFIX}${verifierKey.name} ${Buffer.concat([verifierKey.keyId, signature]).toString('base64')}\n`;
}

/** A C2SP signed note: `text` (newline-terminated), a blank line, one Ed25519 signature line. */
export function signNote(text: string, signer: NoteSigner): string {
  if (signer.verifierKey.type !== ED25519) throw new Error('a note is signed with an Ed25519 (type 0x01) key');
  return `${text}\n${signatureLine(signer, sign(null, Buffer.from(text, 'utf8'), signer.privateKey))}`;
}

export function signCheckpoint(checkpoint: CheckpointBody, signer: NoteSigner): string {
  return signNote(checkpointBody(checkpoint), signer);
}

/**
 * C2SP tlog-cosignature, Ed25519 cosignature/v1: the signature line a witness adds to a checkpoint whose text
 * (the note body, signatures excluded) is `text`, at POSIX time `timestamp`.
 */
export function cosignatureLine(text: string, signer: NoteSigner, timestamp: number): string {
  if (signer.verifierKey.type !== ED25519_COSIGNATURE_V1) throw new Error('a cosignature is made with a cosignature (type 0x04) key');
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  return signatureLine(signer, Buffer.concat([time, sign(null, cosignedMessage(BigInt(timestamp), text), signer.privateKey)]));
}

/** An Ed25519 private key from its 32-byte seed (RFC 8032), as the C2SP/Go `PRIVATE+KEY+…` format holds it. */
export function ed25519FromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  // PKCS #8 of an Ed25519 key (RFC 8410): a fixed prefix, then the seed.
  return createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/**
 * A signer key in the text form Go's sumdb/note and transparency-dev's tools keep it:
 * `PRIVATE+KEY+<name>+<hex key ID>+base64(type || 32-byte Ed25519 seed)`, type 0x01 (notes) or 0x04 (cosignatures);
 * a 0x01 key may be asked to cosign (`as`), as transparency-dev's witnesses do.
 */
export async function parseSignerKey(skey: string, as?: number): Promise<NoteSigner> {
  // The base64 may itself hold '+': the first four parts are split off, the rest is the key.
  const [private1, private2, name, id, ...rest] = skey.trim().split('+');
  const encoded = rest.join('+');
  const bytes = Buffer.from(encoded ?? '', 'base64');
  if (private1 !== 'PRIVATE' || private2 !== 'KEY' || !name || !/^[0-9a-f]{8}$/.test(id ?? '') || bytes.length !== 33) {
    throw new Error('not a signer key (PRIVATE+KEY+name+keyid+base64)');
  }
  const type = bytes[0];
  if (type !== ED25519 && type !== ED25519_COSIGNATURE_V1)
    throw new Error(`the signer key ${name} is not an Ed25519 key (type 0x01 or 0x04)`);
  const stated = await noteSigner(name, ed25519FromSeed(bytes.subarray(1)), type);
  if (Buffer.from(stated.verifierKey.keyId).toString('hex') !== id)
    throw new Error(`the signer key ${name} says key ID ${id}, not that of its key`);
  return as === undefined || as === type ? stated : noteSigner(name, stated.privateKey, as);
}

/** The text form of a new signer key (see parseSignerKey). */
export async function signerKeyText(name: string, seed: Uint8Array, type: number): Promise<string> {
  const { verifierKey } = await noteSigner(name, ed25519FromSeed(seed), type);
  return `PRIVATE+KEY+${name}+${Buffer.from(verifierKey.keyId).toString('hex')}+${Buffer.concat([Buffer.from([type]), seed]).toString('base64')}\n`;
}
