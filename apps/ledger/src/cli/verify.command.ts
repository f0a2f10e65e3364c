import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '@ledger/event-store';
import {
  auditLedgerFile,
  checkCheckpoint,
  checkpointNoteOf,
  CompactRange,
  ED25519,
  ed25519FromPem,
  EvidenceBundle,
  fromBase64,
  leafHash,
  parsePolicy,
  parseVerifierKey,
  Policy,
  policyOfLogKey,
  sameHash,
  verifierKeyOf,
  verifyConsistency,
  verifyEvidence,
} from '@ledger/transparency-log';
import { PUBLIC_KEY_FILE } from '../transparency/transparency.settings';

/**
 * `verify` and `verify-evidence`: an auditor's checks, run without the ledger's application (no Nest, no
 * projections, nothing written), through the one verifier (verifier/ledger-verify.mjs). Each prints one
 * summary line and returns 0 when all holds, 1 otherwise.
 */
export async function runVerification(
  command: 'verify' | 'verify-evidence',
  positional: string[],
  options: Record<string, string[]>,
  out: (line: string) => void,
): Promise<number> {
  try {
    const summary = command === 'verify-evidence' ? await evidence(positional, options) : await verify(options);
    out(summary.line);
    return summary.ok ? 0 : 1;
  } catch (error) {
    out(`${command}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

type Outcome = { ok: boolean; line: string };

const dataDirOf = (options: Record<string, string[]>) => options['data-dir']?.[0] ?? process.env.LEDGER_DATA_DIR ?? './data';
const textOf = (given: string) => (existsSync(given) ? readFileSync(given, 'utf8') : given);

/**
 * What the auditor trusts: a C2SP policy (--policy: the log's key, the witnesses and how many must cosign), or
 * the log's key alone (--public-key, PEM or verifier key; else the one beside the data, which an auditor should
 * not rely on). A PEM key is named by `origin` (the checkpoints' origin line).
 */
export async function trustedPolicy(options: Record<string, string[]>, origin: () => string | undefined): Promise<Policy | undefined> {
  if (options.policy) return parsePolicy(readFileSync(options.policy[0], 'utf8'));
  const given = options['public-key']?.[0];
  const text = given
    ? textOf(given)
    : [join(dataDirOf(options), PUBLIC_KEY_FILE)].filter(existsSync).map((file) => readFileSync(file, 'utf8'))[0];
  if (!text) return undefined;
  if (!text.includes('-----BEGIN')) return policyOfLogKey(await parseVerifierKey(text));
  const name = origin() ?? process.env.LEDGER_LOG_ORIGIN ?? 'commissioning-decision-ledger';
  return policyOfLogKey(await verifierKeyOf(name, ED25519, ed25519FromPem(text)));
}

/** A checkpoint saved earlier: the signed note itself, or the JSON GET /ledger/checkpoint answered. */
function savedCheckpoint(options: Record<string, string[]>): string | undefined {
  const file = options.checkpoint?.[0];
  return file ? checkpointNoteOf(readFileSync(file, 'utf8')) : undefined;
}

const originOf = (note: string | undefined) => note?.slice(0, note.indexOf('\n'));

async function verify(options: Record<string, string[]>): Promise<Outcome> {
  if (options.url) return verifyOnline(options.url[0], options);
  const file = join(dataDirOf(options), SQLITE_FILE_NAME);
  if (!existsSync(file)) throw new Error(`no ledger at ${file} (give --data-dir or LEDGER_DATA_DIR)`);
  const saved = savedCheckpoint(options);
  const policy = await trustedPolicy(options, () => originOf(saved) ?? firstOrigin(file));
  if (!policy)
    throw new Error(
      'no public key: give --policy FILE or --public-key FILE (the ledger serves them at GET /ledger/policy and /ledger/public-key)',
    );
  const report = await auditLedgerFile(file, { policy, held: saved ? [{ heldBy: 'the checkpoint you saved', note: saved }] : [] });
  return { ok: report.ok, line: report.summary };
}

/** The origin line of the first checkpoint in a ledger file, to name a PEM key by. */
function firstOrigin(file: string): string | undefined {
  const db = new Database(file, { readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'merkle_checkpoints'").get();
    return exists ? originOf(db.prepare('SELECT note FROM merkle_checkpoints LIMIT 1').pluck().get() as string | undefined) : undefined;
  } finally {
    db.close();
  }
}

interface ServedEvent {
  position: number;
  leafIndex: number | null;
  canonical: string;
  leafHash: string;
}

/**
 * A running ledger checked from outside: its newest checkpoint must meet the trusted policy (signed by the
 * log's key, cosigned by its quorum of witnesses) and extend the one the auditor saved (consistency proof), and
 * the events it serves must hash, in order, to the root it signed. A server, or a proxy, that rewrites history,
 * or one event in its answers, fails; so does one that shows a history its witnesses did not cosign.
 */
async function verifyOnline(url: string, options: Record<string, string[]>): Promise<Outcome> {
  const base = url.replace(/\/+$/, '');
  const get = async <T>(path: string): Promise<T> => {
    // The raw event log is read with an auditor key (--key, or LEDGER_API_KEY) where a proxy asks for one.
    const key = options.key?.[0] ?? process.env.LEDGER_API_KEY;
    const response = await fetch(`${base}${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const latestNote = (await get<{ checkpoint: string }>('/ledger/checkpoint')).checkpoint;
  let policy = await trustedPolicy(options, () => originOf(latestNote));
  const keyNote = policy ? '' : ' (key taken from the server: give --policy or --public-key to trust your own copy)';
  policy ??= await policyOfLogKey(await parseVerifierKey((await get<{ verifierKey: string }>('/ledger/public-key')).verifierKey));
  const opened = await checkCheckpoint(latestNote, policy);
  if (!opened.ok) return { ok: false, line: `verify: FAILED: the ledger's checkpoint does not meet the policy: ${opened.reason}` };
  const latest = opened.checkpoint;
  const savedNote = savedCheckpoint(options);
  if (savedNote) {
    const saved = await checkCheckpoint(savedNote, policy, { quorum: false });
    if (!saved.ok) throw new Error(`the saved checkpoint does not verify: ${saved.reason}`);
    if (saved.checkpoint.size > latest.size) {
      return {
        ok: false,
        line: `verify: FAILED: the ledger now signs ${latest.size} events, fewer than the ${saved.checkpoint.size} you saw (truncated)`,
      };
    }
    const { consistencyProof } = await get<{ consistencyProof: string[] }>(
      `/ledger/proofs/consistency?from=${saved.checkpoint.size}&to=${latest.size}`,
    );
    const proof = consistencyProof.map((hash) => fromBase64(hash) ?? new Uint8Array(0));
    if (!(await verifyConsistency(saved.checkpoint.size, latest.size, saved.checkpoint.rootHash, latest.rootHash, proof))) {
      return {
        ok: false,
        line: `verify: FAILED: the tree of ${latest.size} does not extend the one of ${saved.checkpoint.size} you saved (history rewritten)`,
      };
    }
  }

  // Every event the checkpoint covers, as served, hashed in order.
  const range = new CompactRange();
  let from = 1;
  while (range.size < latest.size) {
    const page = await get<{ events: ServedEvent[]; next: number | null }>(`/events?from=${from}&limit=1000`);
    for (const event of page.events) {
      if (range.size === latest.size) break;
      const leaf = leafHash(event.canonical);
      const stated = JSON.parse(event.canonical) as { position?: number };
      if (event.leafIndex !== range.size || stated.position !== event.position) {
        return { ok: false, line: `verify: FAILED: position ${event.position} is served out of order or as another event (reordered)` };
      }
      if (!sameHash(leaf, Buffer.from(event.leafHash, 'base64'))) {
        return { ok: false, line: `verify: FAILED: position ${event.position}: the bytes served do not hash to the leaf served (edited)` };
      }
      range.append(leaf);
    }
    if (page.next === null) break;
    from = page.next;
  }
  if (range.size < latest.size) {
    return { ok: false, line: `verify: FAILED: the ledger serves ${range.size} events but signed ${latest.size} (missing)` };
  }
  if (!sameHash(range.root(), Buffer.from(latest.rootHash))) {
    return {
      ok: false,
      line: `verify: FAILED: the events served do not hash to the signed root of ${latest.size} (edited, inserted or removed)`,
    };
  }
  if (options['save-checkpoint']) writeFileSync(options['save-checkpoint'][0], latestNote);
  const extended = savedNote ? `, consistent with the saved checkpoint` : '';
  return {
    ok: true,
    line: `verify: ok: ${base} signs ${latest.size} events (root ${Buffer.from(latest.rootHash).toString('base64')}), ${opened.summary}${extended}; every event served hashes to it${keyNote}`,
  };
}

async function evidence(positional: string[], options: Record<string, string[]>): Promise<Outcome> {
  const [file] = positional;
  if (!file) throw new Error('verify-evidence needs the evidence FILE');
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as EvidenceBundle;
  const policy = await trustedPolicy(options, () => originOf(bundle.checkpoint));
  if (!policy)
    throw new Error(
      'no public key: give --policy FILE or --public-key FILE (the ledger serves them at GET /ledger/policy and /ledger/public-key)',
    );
  const check = await verifyEvidence(bundle, policy);
  return { ok: check.ok, line: check.summary };
}
