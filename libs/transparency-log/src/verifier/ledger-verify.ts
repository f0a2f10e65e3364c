/**
 * The ledger's verifier, in one file that imports nothing: the same code checks evidence in a resident's
 * browser (Web Crypto, on the public site's /verify page), runs as `node ledger-verify.mjs` in an empty
 * folder with no node_modules (node:crypto only), and serves `npm run ledger -- verify` inside the ledger.
 * `npm run build:verifier` turns this file into verifier/ledger-verify.mjs, committed beside the sources.
 *
 * What it checks, each as its specification says:
 * - RFC 9162 §2.1 Merkle trees: leaf and node hashes, inclusion proofs (§2.1.3.2), consistency proofs (§2.1.4.2);
 * - C2SP signed-note: notes, key IDs, verifier keys (vkeys), Ed25519 signatures (type 0x01);
 * - C2SP tlog-checkpoint: origin, tree size, root hash;
 * - C2SP tlog-cosignature: Ed25519 cosignature/v1 (type 0x04), timestamped;
 * - C2SP tlog-policy: logs, witnesses, groups and the quorum a checkpoint must meet;
 * - the ledger's evidence files (commissioning-decision-ledger/evidence/v1).
 */

// ───────────────────────────── bytes ─────────────────────────────

export type Bytes = Uint8Array;

const encoder = new TextEncoder();

export const utf8 = (text: string): Bytes => encoder.encode(text);

export function concatBytes(...parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function sameBytes(a: Bytes | undefined, b: Bytes | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

export const toHex = (bytes: Bytes): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

export function toBase64(bytes: Bytes): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    out += BASE64[a >> 2] + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '==' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)] + (c === undefined ? '=' : BASE64[c & 63]);
  }
  return out;
}

/** Standard base64 (RFC 4648 §4), padded and canonical (the bits past the last byte zero); undefined for anything else. */
export function fromBase64(text: unknown): Bytes | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const value = (i: number) => {
    const code = text.charCodeAt(i);
    return code < 128 ? BASE64_VALUE[code] : -1;
  };
  for (let i = 0, o = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const [a, b] = [value(i), value(i + 1)];
    const c = last && padding === 2 ? 0 : value(i + 2);
    const d = last && padding >= 1 ? 0 : value(i + 3);
    if (a < 0 || b < 0 || c < 0 || d < 0) return undefined;
    out[o++] = (a << 2) | (b >> 4);
    if (last && padding === 2) {
      if (b & 15) return undefined;
      break;
    }
    out[o++] = ((b & 15) << 4) | (c >> 2);
    if (last && padding === 1) {
      if (c & 3) return undefined;
      break;
    }
    out[o++] = ((c & 3) << 6) | d;
  }
  return out;
}

// ───────────────────────────── crypto: node:crypto or Web Crypto ─────────────────────────────

/** The parts of Web Crypto's SubtleCrypto used here (Node's node:crypto `webcrypto.subtle` and browsers' alike). */
interface Subtle {
  digest(algorithm: string, data: Bytes): Promise<ArrayBuffer>;
  importKey(format: 'raw', key: Bytes, algorithm: { name: string }, extractable: boolean, usages: string[]): Promise<unknown>;
  verify(algorithm: { name: string }, key: unknown, signature: Bytes, data: Bytes): Promise<boolean>;
}

interface Crypto {
  /** SHA-256 of the parts, one after the other. */
  sha256(parts: readonly Bytes[]): Bytes | Promise<Bytes>;
  subtle: Subtle;
}

let cryptoInUse: Promise<Crypto> | undefined;

/** Node: node:crypto (hashing synchronously, the cheap way); a browser: Web Crypto. Nothing else is used. */
function crypto(): Promise<Crypto> {
  cryptoInUse ??= (async () => {
    const inBrowser = typeof process !== 'object' || typeof process.versions?.node !== 'string';
    if (inBrowser) {
      const subtle = (globalThis as unknown as { crypto: { subtle: Subtle } }).crypto.subtle;
      return { subtle, sha256: async (parts: readonly Bytes[]) => new Uint8Array(await subtle.digest('SHA-256', concatBytes(...parts))) };
    }
    const node = await import('node:crypto');
    return {
      subtle: node.webcrypto.subtle as unknown as Subtle,
      sha256: (parts: readonly Bytes[]) => {
        const hash = node.createHash('sha256');
        for (const part of parts) hash.update(part);
        return new Uint8Array(hash.digest());
      },
    };
  })();
  return cryptoInUse;
}

export async function sha256(...parts: readonly Bytes[]): Promise<Bytes> {
  return (await crypto()).sha256(parts);
}

const importedKeys = new Map<string, Promise<unknown>>();

/** RFC 8032 Ed25519 verification of `signature` (64 bytes) on `message` by the 32-byte public key. */
export async function verifyEd25519(publicKey: Bytes, message: Bytes, signature: Bytes): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const { subtle } = await crypto();
  const id = toHex(publicKey);
  let key = importedKeys.get(id);
  if (!key) importedKeys.set(id, (key = subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify'])));
  try {
    return await subtle.verify({ name: 'Ed25519' }, await key, signature, message);
  } catch {
    return false;
  }
}

// ───────────────────────────── RFC 9162 Merkle trees ─────────────────────────────

export const HASH_SIZE = 32;
const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

/** RFC 9162 §2.1.1: a leaf is SHA-256(0x00 || entry); a string entry is its UTF-8 bytes. */
export async function leafHash(entry: Bytes | string): Promise<Bytes> {
  return sha256(LEAF_PREFIX, typeof entry === 'string' ? utf8(entry) : entry);
}

/** RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right). */
export async function nodeHash(left: Bytes, right: Bytes): Promise<Bytes> {
  return sha256(NODE_PREFIX, left, right);
}

const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;
const wellFormed = (proof: readonly Bytes[]) => proof.every((hash) => hash instanceof Uint8Array && hash.length === HASH_SIZE);

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or undefined when it cannot be one for this index and size. */
export async function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Bytes,
  proof: readonly Bytes[],
): Promise<Bytes | undefined> {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return undefined;
  if (leaf.length !== HASH_SIZE || !wellFormed(proof)) return undefined;
  // Sizes may exceed 2^32, so halving is arithmetic, not `>>`.
  let fn = index;
  let sn = size - 1;
  let root = leaf;
  for (const sibling of proof) {
    if (sn === 0) return undefined;
    if (odd(fn) || fn === sn) {
      root = await nodeHash(sibling, root);
      if (!odd(fn)) while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      root = await nodeHash(root, sibling);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 ? root : undefined;
}

export async function verifyInclusion(index: number, size: number, leaf: Bytes, proof: readonly Bytes[], root: Bytes): Promise<boolean> {
  return sameBytes(await rootFromInclusionProof(index, size, leaf, proof), root);
}

/** RFC 9162 §2.1.4.2: whether the tree of `to` leaves with root `toRoot` extends the tree of `from` leaves with root `fromRoot`. */
export async function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Bytes,
  toRoot: Bytes,
  proof: readonly Bytes[],
): Promise<boolean> {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to)) return false;
  if (!wellFormed(proof)) return false;
  if (from === to) return proof.length === 0 && sameBytes(fromRoot, toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = Number.isInteger(Math.log2(from)) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!odd(fn)) while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = await nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && sameBytes(fr, fromRoot) && sameBytes(sr, toRoot);
}

/** The root of the empty tree: SHA-256 of nothing. */
export async function emptyTreeRoot(): Promise<Bytes> {
  return sha256(new Uint8Array(0));
}

// ───────────────────────────── C2SP signed notes and keys ─────────────────────────────

/** Signature types of c2sp.org/signed-note: Ed25519 note signatures, and Ed25519 cosignature/v1. */
export const ED25519 = 0x01;
export const ED25519_COSIGNATURE_V1 = 0x04;

const SIGNATURE_PREFIX = '\u2014 ';

export interface NoteSignature {
  name: string;
  keyId: Bytes;
  /** The signature bytes after the key ID. */
  signature: Bytes;
  line: string;
}

export type ParsedNote = { ok: true; text: string; signatures: NoteSignature[] } | { ok: false; reason: string };

/** A key name: non-empty, no Unicode spaces, no `+`. */
export const isKeyName = (name: string): boolean =>
  name !== '' && !/[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name);

/** c2sp.org/signed-note: the text (ending in a newline), then a blank line, then one or more signature lines. */
export function parseNote(note: string): ParsedNote {
  if (typeof note !== 'string') return { ok: false, reason: 'a signed note is text' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) return { ok: false, reason: 'a signed note holds no control characters but newlines' };
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, reason: 'not a signed note: no blank line before the signatures' };
  const text = note.slice(0, split + 1);
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const [name, encoded, extra] = line.startsWith(SIGNATURE_PREFIX) ? line.slice(SIGNATURE_PREFIX.length).split(' ') : [];
    const bytes = fromBase64(encoded);
    if (!name || !isKeyName(name) || extra !== undefined || !bytes || bytes.length < 5) {
      return { ok: false, reason: `malformed signature line "${line.slice(0, 120)}"` };
    }
    signatures.push({ name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4), line });
  }
  if (signatures.length === 0) return { ok: false, reason: 'a signed note has at least one signature' };
  return { ok: true, text, signatures };
}

/** A verifier key (vkey): a key name, its type and 32-byte Ed25519 public key, and the key ID it signs under. */
export interface VerifierKey {
  name: string;
  type: number;
  publicKey: Bytes;
  keyId: Bytes;
  /** `name+hex(key ID)+base64(type || key)`. */
  text: string;
}

/** c2sp.org/signed-note: key ID = SHA-256(key name || 0x0A || signature type || public key)[:4]. */
export async function keyIdOf(name: string, type: number, publicKey: Bytes): Promise<Bytes> {
  return (await sha256(utf8(`${name}\n`), Uint8Array.of(type), publicKey)).subarray(0, 4);
}

export async function verifierKeyOf(name: string, type: number, publicKey: Bytes): Promise<VerifierKey> {
  const keyId = await keyIdOf(name, type, publicKey);
  return { name, type, publicKey, keyId, text: `${name}+${toHex(keyId)}+${toBase64(concatBytes(Uint8Array.of(type), publicKey))}` };
}

/** A vkey `name+hex(key ID)+base64(type || key)`, its key ID checked; Ed25519 (0x01) and Ed25519 cosignature (0x04) only. */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const text = String(vkey).trim();
  const [name, id] = text.split('+', 2);
  const material = fromBase64(text.slice(`${name}+${id}+`.length));
  if (!name || !isKeyName(name) || !/^[0-9a-f]{8}$/.test(id ?? '') || !material)
    throw new Error(`"${text.slice(0, 80)}" is not a verifier key`);
  const [type, publicKey] = [material[0], material.subarray(1)];
  if ((type !== ED25519 && type !== ED25519_COSIGNATURE_V1) || publicKey.length !== 32) {
    throw new Error(`the verifier key ${name} is not an Ed25519 key (type 0x01 or 0x04)`);
  }
  const key = await verifierKeyOf(name, type, publicKey);
  if (toHex(key.keyId) !== id) throw new Error(`the verifier key ${name} says key ID ${id}, but its name and key give ${toHex(key.keyId)}`);
  return key;
}

/** A witness's key as a cosignature key (0x04); a plain Ed25519 vkey (0x01) is taken as the same key cosigning. */
export async function asCosignatureKey(key: VerifierKey): Promise<VerifierKey> {
  return key.type === ED25519_COSIGNATURE_V1 ? key : verifierKeyOf(key.name, ED25519_COSIGNATURE_V1, key.publicKey);
}

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): what a PEM public key holds before the 32 key bytes. */
const ED25519_SPKI_PREFIX = '302a300506032b6570032100';

/** The 32 key bytes of an Ed25519 public key in PEM (SPKI). */
export function ed25519FromPem(pem: string): Bytes {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = fromBase64(body);
  if (!der || der.length !== 44 || toHex(der.subarray(0, 12)) !== ED25519_SPKI_PREFIX) throw new Error('not an Ed25519 public key in PEM');
  return der.subarray(12);
}

/** Whether `signature` is `key`'s on the note text (a type 0x01 key). */
async function verifiesNote(key: VerifierKey, text: string, signature: Bytes): Promise<boolean> {
  return verifyEd25519(key.publicKey, utf8(text), signature);
}

// ───────────────────────────── C2SP tlog-checkpoint and tlog-cosignature ─────────────────────────────

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Bytes;
  extensions: string[];
}

/** c2sp.org/tlog-checkpoint: origin, decimal size (no leading zeroes), base64 root hash; then optional extension lines. */
export function parseCheckpoint(text: string): Checkpoint | string {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') return 'a checkpoint has an origin, a size and a root hash, one a line';
  const [origin, size, root, ...rest] = lines.slice(0, -1);
  if (!origin) return 'the checkpoint has no origin';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size)))
    return `the tree size "${size.slice(0, 40)}" is not a number`;
  const rootHash = fromBase64(root);
  if (!rootHash || rootHash.length !== HASH_SIZE) return `the root hash "${root.slice(0, 60)}" is not 32 bytes of base64`;
  if (rest.some((line) => line === '')) return 'a checkpoint has no empty extension line';
  return { origin, size: Number(size), rootHash, extensions: rest };
}

/** The message an Ed25519 cosignature/v1 signs: a header line, a timestamp line, then the checkpoint text. */
export function cosignedMessage(timestamp: bigint, text: string): Bytes {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${text}`);
}

/** The timestamp of a cosignature/v1 signature (the 8 bytes after the key ID, big-endian seconds), undefined if it is not one. */
export function cosignatureTimestamp(signature: Bytes): bigint | undefined {
  if (signature.length !== 8 + 64) return undefined;
  return new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
}

/** Whether `signature` (timestamp || Ed25519) is `key`'s cosignature/v1 on the checkpoint text; its time when it is. */
export async function verifyCosignature(key: VerifierKey, text: string, signature: Bytes): Promise<{ ok: boolean; timestamp?: bigint }> {
  const timestamp = cosignatureTimestamp(signature);
  if (timestamp === undefined || timestamp > 0x7fffffffffffffffn) return { ok: false };
  const ok = await verifyEd25519(key.publicKey, cosignedMessage(timestamp, text), signature.subarray(8));
  return ok ? { ok, timestamp } : { ok };
}

// ───────────────────────────── C2SP tlog-policy ─────────────────────────────

export interface PolicyWitness {
  name: string;
  key: VerifierKey;
  url?: string;
}

interface PolicyGroup {
  name: string;
  threshold: number;
  members: string[];
}

export interface Policy {
  logs: { key: VerifierKey; url?: string }[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  /** A witness or group name, or `none`. */
  quorum: string;
  text: string;
}

/**
 * c2sp.org/tlog-policy: `log <vkey> [url]`, `witness <name> <vkey> [url]`, `group <name> all|any|<k> <name>...`
 * and exactly one `quorum <name>`; names defined before use, each listed as a member at most once.
 * A witness's vkey is an Ed25519 cosignature key (0x04); a plain Ed25519 vkey (0x01) is taken as the same key
 * cosigning, with the key ID of type 0x04 (as transparency-dev's tools take it).
 */
export async function parsePolicy(text: string): Promise<Policy> {
  const policy: Policy = { logs: [], witnesses: [], groups: [], quorum: '', text };
  const defined = new Set<string>(['none']);
  const listed = new Set<string>();
  const keysSeen = new Set<string>();
  let lineNumber = 0;
  for (const raw of String(text).split('\n')) {
    lineNumber += 1;
    const where = `policy line ${lineNumber}`;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(raw.replace(/\r$/, ''))) throw new Error(`${where}: a control character`);
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const [keyword, ...args] = line.split(/[ \t]+/);
    const define = (name: string) => {
      if (defined.has(name)) throw new Error(`${where}: duplicate name "${name}"`);
      defined.add(name);
    };
    const uniqueKey = (key: VerifierKey, what: string) => {
      const id = toHex(key.publicKey);
      if (keysSeen.has(`${what}:${id}`)) throw new Error(`${where}: duplicate ${what} key ${key.name}`);
      keysSeen.add(`${what}:${id}`);
    };
    if (keyword === 'log' && (args.length === 1 || args.length === 2)) {
      const key = await parseVerifierKey(args[0]);
      if (key.type !== ED25519) throw new Error(`${where}: a log key signs checkpoints as Ed25519 notes (type 0x01)`);
      uniqueKey(key, 'log');
      policy.logs.push({ key, ...(args[1] ? { url: args[1] } : {}) });
    } else if (keyword === 'witness' && (args.length === 2 || args.length === 3)) {
      define(args[0]);
      const key = await asCosignatureKey(await parseVerifierKey(args[1]));
      uniqueKey(key, 'witness');
      policy.witnesses.push({ name: args[0], key, ...(args[2] ? { url: args[2] } : {}) });
    } else if (keyword === 'group' && args.length >= 3) {
      const [name, rule, ...members] = args;
      for (const member of members) {
        if (member === 'none' || !defined.has(member)) throw new Error(`${where}: undefined name "${member}"`);
        if (listed.has(member)) throw new Error(`${where}: "${member}" is already a member of a group`);
        listed.add(member);
      }
      const threshold = rule === 'all' ? members.length : rule === 'any' ? 1 : /^[1-9][0-9]*$/.test(rule) ? Number(rule) : NaN;
      if (!(threshold >= 1 && threshold <= members.length))
        throw new Error(`${where}: the threshold "${rule}" is not all, any or 1..${members.length}`);
      define(name);
      policy.groups.push({ name, threshold, members });
    } else if (keyword === 'quorum' && args.length === 1) {
      if (policy.quorum) throw new Error(`${where}: a second quorum line`);
      if (!defined.has(args[0])) throw new Error(`${where}: undefined name "${args[0]}"`);
      policy.quorum = args[0];
    } else {
      throw new Error(`${where}: not a log, witness, group or quorum line: "${line.slice(0, 80)}"`);
    }
  }
  if (!policy.quorum) throw new Error('the policy has no quorum line');
  return policy;
}

/** Whether the witnesses in `cosigned` (by policy name) meet the policy's quorum. */
export function meetsQuorum(policy: Policy, cosigned: ReadonlySet<string>): boolean {
  const groups = new Map(policy.groups.map((group) => [group.name, group]));
  const witnessed = (name: string): boolean => {
    if (name === 'none') return true;
    const group = groups.get(name);
    if (!group) return cosigned.has(name);
    return group.members.filter(witnessed).length >= group.threshold;
  };
  return witnessed(policy.quorum);
}

/** A policy trusting one log key and asking for no witness: what `--key` gives. */
export async function policyOfLogKey(key: VerifierKey): Promise<Policy> {
  return { logs: [{ key }], witnesses: [], groups: [], quorum: 'none', text: `log ${key.text}\nquorum none\n` };
}

// ───────────────────────────── checking a checkpoint against a policy ─────────────────────────────

export interface Cosigner {
  witness: string;
  keyName: string;
  /** POSIX seconds. */
  timestamp: number;
}

export type CheckedCheckpoint =
  | { ok: true; checkpoint: Checkpoint; text: string; log: string; cosigners: Cosigner[]; summary: string }
  | { ok: false; reason: string; checkpoint?: Checkpoint; cosigners: Cosigner[] };

/**
 * A checkpoint note as the policy requires it: signed by one of its logs (the key whose name is the origin),
 * and cosigned by enough of its witnesses for the quorum (`quorum: false`: the log's signature alone, as for a
 * checkpoint an auditor saved before witnesses had cosigned it). Signatures by keys the policy does not know are
 * ignored (C2SP: so logs can rotate keys and witnesses be added); one by a known key that fails rejects the note.
 */
export async function checkCheckpoint(note: string, policy: Policy, { quorum = true } = {}): Promise<CheckedCheckpoint> {
  const parsed = parseNote(note);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, cosigners: [] };
  const checkpoint = parseCheckpoint(parsed.text);
  if (typeof checkpoint === 'string') return { ok: false, reason: checkpoint, cosigners: [] };
  const logs = policy.logs.filter(({ key }) => key.name === checkpoint.origin);
  if (logs.length === 0)
    return { ok: false, reason: `the policy knows no log of origin "${checkpoint.origin}"`, checkpoint, cosigners: [] };
  const matches = (signature: NoteSignature, key: VerifierKey) => signature.name === key.name && sameBytes(signature.keyId, key.keyId);

  let logSigned: string | undefined;
  for (const signature of parsed.signatures) {
    const log = logs.find(({ key }) => matches(signature, key));
    if (!log) continue;
    if (!(await verifiesNote(log.key, parsed.text, signature.signature))) {
      return {
        ok: false,
        reason: `the signature by the log key ${log.key.name} (${toHex(log.key.keyId)}) does not verify`,
        checkpoint,
        cosigners: [],
      };
    }
    logSigned = log.key.name;
  }
  if (!logSigned) {
    const ids = logs.map(({ key }) => `${key.name} ${toHex(key.keyId)}`).join(', ');
    return { ok: false, reason: `no signature by the log's key (${ids})`, checkpoint, cosigners: [] };
  }

  const cosigners: Cosigner[] = [];
  for (const signature of parsed.signatures) {
    const witness = policy.witnesses.find(({ key }) => matches(signature, key));
    if (!witness) continue;
    const checked = await verifyCosignature(witness.key, parsed.text, signature.signature);
    if (!checked.ok) return { ok: false, reason: `the cosignature by witness ${witness.name} does not verify`, checkpoint, cosigners };
    if (!cosigners.some((cosigner) => cosigner.witness === witness.name)) {
      cosigners.push({ witness: witness.name, keyName: witness.key.name, timestamp: Number(checked.timestamp) });
    }
  }
  const names = new Set(cosigners.map(({ witness }) => witness));
  const witnessedBy = cosigners.length > 0 ? `cosigned by ${cosigners.map(({ witness }) => witness).join(', ')}` : 'cosigned by no witness';
  if (quorum && !meetsQuorum(policy, names)) {
    const missing = policy.witnesses.filter(({ name }) => !names.has(name)).map(({ name }) => name);
    return {
      ok: false,
      reason: `the checkpoint of size ${checkpoint.size} is ${witnessedBy}: not the quorum "${policy.quorum}" of the policy (no valid cosignature from ${missing.join(', ')})`,
      checkpoint,
      cosigners,
    };
  }
  const summary = `signed by ${logSigned}, ${policy.quorum === 'none' && cosigners.length === 0 ? 'not witnessed (the policy asks for no witness)' : witnessedBy}`;
  return { ok: true, checkpoint, text: parsed.text, log: logSigned, cosigners, summary };
}

// ───────────────────────────── evidence files ─────────────────────────────

export const EVIDENCE_FORMAT = 'commissioning-decision-ledger/evidence/v1';

export interface EvidenceEvent {
  eventId: string;
  position: number;
  leafIndex: number;
  /** The event's canonical JSON: the leaf is SHA-256(0x00 || these UTF-8 bytes). */
  canonical: string;
  leafHash: string;
  /** Base64 sibling hashes, leaf to root (RFC 9162 §2.1.3.1). */
  inclusionProof: string[];
}

/**
 * The evidence behind one answer of the ledger, in one file: the events the answer cites (each as the exact
 * bytes its leaf hashes), an inclusion proof for each, and the signed (and cosigned) checkpoint they prove
 * against. `policy` is the ledger's own policy, for convenience: an auditor checks with a policy of their own.
 */
export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  /** What the evidence is for, as the ledger answered it (not itself signed: the events are). */
  subject: Record<string, unknown>;
  /** Event ids the answer cites; each must be among `events`. */
  cited: string[];
  /** The C2SP signed-note checkpoint every proof leads to, with a cosignature line per witness that cosigned it. */
  checkpoint: string;
  policy?: string;
  events: EvidenceEvent[];
}

export interface Check {
  ok: boolean;
  /** One line: what held, or the first thing that did not. */
  summary: string;
  problems: string[];
  treeSize?: number;
  checked: number;
  cosigners: Cosigner[];
}

const failed = (what: string, problems: string[], extra: Partial<Check> = {}): Check => ({
  ok: false,
  checked: 0,
  cosigners: [],
  ...extra,
  problems,
  summary: `${what}: FAILED: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
});

/** Every event's bytes hash to its leaf, every proof leads to the checkpoint's root, the checkpoint meets the policy, nothing cited is missing. */
export async function verifyEvidence(bundle: EvidenceBundle, policy: Policy): Promise<Check> {
  if (bundle === null || typeof bundle !== 'object' || bundle.format !== EVIDENCE_FORMAT) {
    return failed('evidence', [`not an evidence file of format ${EVIDENCE_FORMAT}`]);
  }
  if (typeof bundle.checkpoint !== 'string' || !Array.isArray(bundle.events)) return failed('evidence', ['no checkpoint or no events']);
  const checked = await checkCheckpoint(bundle.checkpoint, policy);
  if (!checked.ok)
    return failed('evidence', [`the checkpoint does not meet the policy: ${checked.reason}`], { cosigners: checked.cosigners });
  const { size, rootHash } = checked.checkpoint;

  const problems: string[] = [];
  for (const event of bundle.events) {
    const where = `event ${String(event?.eventId)} at position ${String(event?.position)}`;
    if (typeof event?.canonical !== 'string') {
      problems.push(`${where}: no canonical bytes`);
      continue;
    }
    const leaf = await leafHash(event.canonical);
    if (!sameBytes(leaf, fromBase64(event.leafHash))) problems.push(`${where}: its bytes do not hash to its leaf`);
    let stated: { id?: unknown; position?: unknown } = {};
    try {
      stated = JSON.parse(event.canonical);
    } catch {
      problems.push(`${where}: its bytes are not JSON`);
    }
    if (stated?.id !== event.eventId || stated?.position !== event.position) problems.push(`${where}: its bytes are of another event`);
    const proof = Array.isArray(event.inclusionProof) ? event.inclusionProof.map(fromBase64) : [undefined];
    if (proof.some((hash) => hash === undefined) || !(await verifyInclusion(event.leafIndex, size, leaf, proof as Bytes[], rootHash))) {
      problems.push(`${where}: not included in the tree of ${size} (its inclusion proof fails)`);
    }
  }
  const present = new Set(bundle.events.map((event) => event?.eventId));
  for (const id of Array.isArray(bundle.cited) ? bundle.cited : [])
    if (!present.has(id)) problems.push(`cited event ${String(id)} has no evidence`);
  if (problems.length > 0)
    return failed('evidence', problems, { treeSize: size, checked: bundle.events.length, cosigners: checked.cosigners });
  return {
    ok: true,
    treeSize: size,
    checked: bundle.events.length,
    cosigners: checked.cosigners,
    problems,
    summary: `evidence: ok: ${bundle.events.length} events included in the tree of ${size} (root ${toBase64(rootHash)}), ${checked.summary}`,
  };
}

// ───────────────────────────── proofs as the ledger serves them ─────────────────────────────

/** GET /ledger/proofs/inclusion's answer: one event's leaf (and its bytes), its proof, the root and the checkpoint. */
export interface InclusionAnswer {
  position: number;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  inclusionProof: string[];
  canonical?: string;
  checkpoint?: string | null;
}

/** GET /ledger/proofs/consistency's answer: both roots, the proof between them, and the checkpoints at both sizes. */
export interface ConsistencyAnswer {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  consistencyProof: string[];
  checkpoints?: { from?: string | null; to?: string | null };
}

const hashesOf = (list: unknown): Bytes[] | undefined => {
  if (!Array.isArray(list)) return undefined;
  const hashes = list.map(fromBase64);
  return hashes.every((hash) => hash?.length === HASH_SIZE) ? (hashes as Bytes[]) : undefined;
};

/** A checkpoint note for a tree of `size` with `root`, as the policy requires; a problem when it is not. */
async function checkpointFor(note: unknown, size: number, root: Bytes, policy: Policy | undefined, what: string): Promise<string | Check> {
  if (!policy) return '';
  if (typeof note !== 'string') return `no checkpoint signed at the tree size ${size} is given for ${what}`;
  const checked = await checkCheckpoint(note, policy);
  if (!checked.ok) return `the checkpoint for ${what} does not meet the policy: ${checked.reason}`;
  if (checked.checkpoint.size !== size || !sameBytes(checked.checkpoint.rootHash, root)) {
    return `the checkpoint for ${what} is of size ${checked.checkpoint.size}, root ${toBase64(checked.checkpoint.rootHash)}: not the tree of the proof`;
  }
  return { ok: true, summary: checked.summary, problems: [], checked: 1, cosigners: checked.cosigners };
}

export async function verifyInclusionAnswer(answer: InclusionAnswer, policy?: Policy): Promise<Check> {
  const [leaf, root, proof] = [fromBase64(answer?.leafHash), fromBase64(answer?.rootHash), hashesOf(answer?.inclusionProof)];
  if (!leaf || !root || !proof)
    return failed('inclusion', ['the file is not an inclusion proof (leafHash, rootHash, inclusionProof in base64)']);
  const problems: string[] = [];
  if (typeof answer.canonical === 'string' && !sameBytes(await leafHash(answer.canonical), leaf))
    problems.push('the event bytes given do not hash to its leaf');
  if (!(await verifyInclusion(answer.leafIndex, answer.treeSize, leaf, proof, root))) {
    problems.push(`leaf ${answer.leafIndex} is not in the tree of ${answer.treeSize} with that root (the proof fails)`);
  }
  const signed = await checkpointFor(answer.checkpoint, answer.treeSize, root, policy, `the tree of ${answer.treeSize}`);
  if (typeof signed === 'string' && signed) problems.push(signed);
  if (problems.length > 0) return failed('inclusion', problems);
  const trust = typeof signed === 'string' ? 'the root is not checked against a signed checkpoint (give --policy)' : signed.summary;
  return {
    ok: true,
    checked: 1,
    treeSize: answer.treeSize,
    problems,
    cosigners: typeof signed === 'string' ? [] : signed.cosigners,
    summary: `inclusion: ok: the event at position ${answer.position} is leaf ${answer.leafIndex} of the tree of ${answer.treeSize} (root ${answer.rootHash}); ${trust}`,
  };
}

export async function verifyConsistencyAnswer(answer: ConsistencyAnswer, policy?: Policy, saved?: Checkpoint): Promise<Check> {
  const [fromRoot, toRoot, proof] = [fromBase64(answer?.fromRoot), fromBase64(answer?.toRoot), hashesOf(answer?.consistencyProof)];
  if (!fromRoot || !toRoot || !proof)
    return failed('consistency', ['the file is not a consistency proof (fromRoot, toRoot, consistencyProof in base64)']);
  const problems: string[] = [];
  if (saved && (saved.size !== answer.from || !sameBytes(saved.rootHash, fromRoot))) {
    problems.push(
      `the proof starts from size ${answer.from}, root ${answer.fromRoot}: not the checkpoint you saved (size ${saved.size}, root ${toBase64(saved.rootHash)})`,
    );
  }
  if (!(await verifyConsistency(answer.from, answer.to, fromRoot, toRoot, proof))) {
    problems.push(`the tree of ${answer.to} does not extend the tree of ${answer.from} (the proof fails: history rewritten)`);
  }
  const results = [];
  for (const [note, size, root] of [
    [answer.checkpoints?.from, answer.from, fromRoot],
    [answer.checkpoints?.to, answer.to, toRoot],
  ] as const) {
    // The old tree may be one the auditor saved, or the empty tree: then no signature is needed for it.
    if (size === 0 || (saved && size === answer.from && note == null)) continue;
    const signed = await checkpointFor(note, size, root, policy, `the tree of ${size}`);
    if (typeof signed === 'string' && signed) problems.push(signed);
    results.push(signed);
  }
  if (problems.length > 0) return failed('consistency', problems);
  const newest = results[results.length - 1];
  const trust =
    !newest || typeof newest === 'string' ? 'the roots are not checked against signed checkpoints (give --policy)' : newest.summary;
  return {
    ok: true,
    checked: 1,
    treeSize: answer.to,
    problems,
    cosigners: newest && typeof newest !== 'string' ? newest.cosigners : [],
    summary: `consistency: ok: the tree of ${answer.to} extends the tree of ${answer.from}; ${trust}`,
  };
}

// ───────────────────────────── the program: node ledger-verify.mjs ─────────────────────────────

const USAGE = `usage: node ledger-verify.mjs <command> FILE [--policy FILE | --key VKEY|PEM-FILE]
  evidence FILE      an evidence file (GET /decisions/:meeting/:item/:body/evidence)
  inclusion FILE     an inclusion proof (GET /ledger/proofs/inclusion)
  consistency FILE   a consistency proof (GET /ledger/proofs/consistency) [--saved CHECKPOINT-FILE]
  checkpoint FILE    a checkpoint note, or GET /ledger/checkpoint's answer
--policy FILE: a C2SP tlog-policy (the log's key, the witnesses, the quorum); --key: the log's key alone, no witness asked for.
Prints one line; exits 0 when everything holds, 1 otherwise.`;

export interface ProgramIo {
  readText(file: string): Promise<string>;
  print(line: string): void;
}

/** The checkpoint note in a file: the note itself, or the JSON the ledger answers with (`checkpoint`). */
export function checkpointNoteOf(text: string): string {
  if (!text.trimStart().startsWith('{')) return text;
  const note = (JSON.parse(text) as { checkpoint?: unknown }).checkpoint;
  if (typeof note !== 'string') throw new Error('the file holds no checkpoint');
  return note;
}

/** The policy to trust: --policy, or --key (a vkey, or a PEM file with the log's name from --origin or the checkpoint). */
async function trusted(options: Map<string, string>, io: ProgramIo, origin: () => string | undefined): Promise<Policy | undefined> {
  const policyFile = options.get('policy');
  if (policyFile) return parsePolicy(await io.readText(policyFile));
  const given = options.get('key');
  if (!given) return undefined;
  if (!given.includes('+') || given.includes('PUBLIC KEY') || given.endsWith('.pem')) {
    const pem = given.includes('PUBLIC KEY') ? given : await io.readText(given);
    const name = options.get('origin') ?? origin();
    if (!name) throw new Error('a PEM key needs --origin NAME (the log origin it signs as)');
    return policyOfLogKey(await verifierKeyOf(name, ED25519, ed25519FromPem(pem)));
  }
  return policyOfLogKey(await parseVerifierKey(given));
}

/** `node ledger-verify.mjs <command> FILE [options]`: one summary line; 0 when all holds, 1 otherwise (a usage error too, with the usage). */
export async function main(argv: readonly string[], io: ProgramIo): Promise<number> {
  const [command, file, ...rest] = argv;
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i]?.startsWith('--') || rest[i + 1] === undefined) {
      io.print(USAGE);
      return 1;
    }
    options.set(rest[i].slice(2), rest[i + 1]);
  }
  if (!file || !['evidence', 'inclusion', 'consistency', 'checkpoint'].includes(command)) {
    io.print(USAGE);
    return 1;
  }
  try {
    const text = await io.readText(file);
    let check: Check;
    if (command === 'evidence') {
      const bundle = JSON.parse(text) as EvidenceBundle;
      let policy = await trusted(options, io, () => bundle?.checkpoint?.split('\n')[0]);
      let note = '';
      if (!policy) {
        if (typeof bundle?.policy !== 'string') throw new Error('no policy: give --policy FILE or --key VKEY');
        policy = await parsePolicy(bundle.policy);
        note = ' (checked against the policy inside the file: give --policy FILE to trust your own)';
      }
      check = await verifyEvidence(bundle, policy);
      check.summary += check.ok ? note : '';
    } else if (command === 'inclusion') {
      const answer = JSON.parse(text) as InclusionAnswer;
      check = await verifyInclusionAnswer(answer, await trusted(options, io, () => answer?.checkpoint?.split('\n')[0]));
    } else if (command === 'consistency') {
      const answer = JSON.parse(text) as ConsistencyAnswer;
      const policy = await trusted(options, io, () => answer?.checkpoints?.to?.split('\n')[0]);
      let saved: Checkpoint | undefined;
      const savedFile = options.get('saved');
      if (savedFile) {
        if (!policy) throw new Error('--saved needs --policy or --key to check the saved checkpoint');
        const opened = await checkCheckpoint(checkpointNoteOf(await io.readText(savedFile)), policy, { quorum: false });
        if (!opened.ok) throw new Error(`the saved checkpoint does not verify: ${opened.reason}`);
        saved = opened.checkpoint;
      }
      check = await verifyConsistencyAnswer(answer, policy, saved);
    } else {
      const note = checkpointNoteOf(text);
      const policy = await trusted(options, io, () => note.split('\n')[0]);
      if (!policy) throw new Error('no policy: give --policy FILE or --key VKEY');
      const checked = await checkCheckpoint(note, policy);
      check = checked.ok
        ? {
            ok: true,
            problems: [],
            checked: 1,
            cosigners: checked.cosigners,
            summary: `checkpoint: ok: ${checked.checkpoint.origin} at size ${checked.checkpoint.size} (root ${toBase64(checked.checkpoint.rootHash)}), ${checked.summary}`,
          }
        : failed('checkpoint', [checked.reason]);
    }
    io.print(check.summary);
    return check.ok ? 0 : 1;
  } catch (error) {
    io.print(`${command}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Runs `main` when this module is the program node was started with (`moduleUrl` is the module's import.meta.url). */
export async function runAsProgram(moduleUrl: string): Promise<void> {
  if (typeof process !== 'object' || typeof process.versions?.node !== 'string' || !process.argv[1]) return;
  const [{ pathToFileURL }, { realpathSync }, { readFile }] = await Promise.all([
    import('node:url'),
    import('node:fs'),
    import('node:fs/promises'),
  ]);
  let started: string;
  try {
    started = pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return;
  }
  if (started !== moduleUrl) return;
  process.exitCode = await main(process.argv.slice(2), { readText: (file) => readFile(file, 'utf8'), print: (line) => console.log(line) });
}
