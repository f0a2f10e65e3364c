import { KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '@ledger/event-store';
import {
  auditLedgerFile,
  CompactRange,
  EvidenceBundle,
  leafHash,
  openCheckpoint,
  publicKeyFrom,
  sameHash,
  verifyConsistency,
  verifyEvidence,
} from '@ledger/transparency-log';
import { PUBLIC_KEY_FILE, SIGNING_KEY_FILE } from '../transparency/transparency.settings';

/**
 * `verify` and `verify-evidence`: an auditor's checks, run without the ledger's application (no Nest,
 * no projections, nothing written). Each prints one summary line and returns 0 when all holds, 1 otherwise.
 */
export async function runVerification(
  command: 'verify' | 'verify-evidence',
  positional: string[],
  options: Record<string, string[]>,
  out: (line: string) => void,
): Promise<number> {
  try {
    const summary = command === 'verify-evidence' ? evidence(positional, options) : await verify(options);
    out(summary.line);
    return summary.ok ? 0 : 1;
  } catch (error) {
    out(`${command}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

type Outcome = { ok: boolean; line: string };

const dataDirOf = (options: Record<string, string[]>) => options['data-dir']?.[0] ?? process.env.LEDGER_DATA_DIR ?? './data';

/** The key the auditor trusts: --public-key (PEM or verifier key), else the one beside the data. */
function trustedKey(options: Record<string, string[]>): { key: KeyObject; name?: string } | undefined {
  const given = options['public-key']?.[0];
  if (given) return publicKeyFrom(existsSync(given) ? readFileSync(given, 'utf8') : given);
  const dataDir = dataDirOf(options);
  for (const file of [PUBLIC_KEY_FILE, SIGNING_KEY_FILE]) {
    if (existsSync(join(dataDir, file))) return publicKeyFrom(readFileSync(join(dataDir, file), 'utf8'));
  }
  return undefined;
}

/** A checkpoint saved earlier: the signed note itself, or the JSON GET /ledger/checkpoint answered. */
function savedCheckpoint(options: Record<string, string[]>): string | undefined {
  const file = options.checkpoint?.[0];
  if (!file) return undefined;
  const text = readFileSync(file, 'utf8');
  return text.trimStart().startsWith('{') ? (JSON.parse(text) as { checkpoint: string }).checkpoint : text;
}

async function verify(options: Record<string, string[]>): Promise<Outcome> {
  if (options.url) return verifyOnline(options.url[0], options);
  const file = join(dataDirOf(options), SQLITE_FILE_NAME);
  if (!existsSync(file)) throw new Error(`no ledger at ${file} (give --data-dir or LEDGER_DATA_DIR)`);
  const key = trustedKey(options);
  if (!key) throw new Error('no public key: give --public-key FILE (the ledger serves it at GET /ledger/public-key)');
  const report = auditLedgerFile(file, { publicKey: key.key, keyName: key.name, savedCheckpoint: savedCheckpoint(options) });
  return { ok: report.ok, line: report.summary };
}

interface ServedEvent {
  position: number;
  leafIndex: number | null;
  canonical: string;
  leafHash: string;
}

/**
 * A running ledger checked from outside: its newest checkpoint must be signed by the trusted key and
 * extend the one the auditor saved (consistency proof), and the events it serves must hash, in
 * order, to the root it signed. A server that rewrites history, or one event in its answers, fails.
 */
async function verifyOnline(url: string, options: Record<string, string[]>): Promise<Outcome> {
  const base = url.replace(/\/+$/, '');
  const get = async <T>(path: string): Promise<T> => {
    // The raw event log is read with an auditor key (--key, or LEDGER_API_KEY).
    const key = options.key?.[0] ?? process.env.LEDGER_API_KEY;
    const response = await fetch(`${base}${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const given = trustedKey(options);
  const key = given ?? publicKeyFrom((await get<{ verifierKey: string }>('/ledger/public-key')).verifierKey);
  const keyNote = given ? '' : ' (key taken from the server: give --public-key to trust your own copy)';
  const open = (note: string, what: string) => {
    const name = key.name ?? note.slice(0, note.indexOf('\n'));
    const opened = openCheckpoint(note, name, key.key, name);
    if (!opened.ok) throw new Error(`${what} does not verify: ${opened.reason}`);
    return opened.checkpoint;
  };

  const latestNote = (await get<{ checkpoint: string }>('/ledger/checkpoint')).checkpoint;
  const latest = open(latestNote, "the ledger's checkpoint");
  const savedNote = savedCheckpoint(options);
  if (savedNote) {
    const saved = open(savedNote, 'the saved checkpoint');
    if (saved.size > latest.size) {
      return {
        ok: false,
        line: `verify: FAILED: the ledger now signs ${latest.size} events, fewer than the ${saved.size} you saw (truncated)`,
      };
    }
    const { consistencyProof } = await get<{ consistencyProof: string[] }>(
      `/ledger/proofs/consistency?from=${saved.size}&to=${latest.size}`,
    );
    const proof = consistencyProof.map((hash) => Buffer.from(hash, 'base64'));
    if (!verifyConsistency(saved.size, latest.size, saved.rootHash, latest.rootHash, proof)) {
      return {
        ok: false,
        line: `verify: FAILED: the tree of ${latest.size} does not extend the one of ${saved.size} you saved (history rewritten)`,
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
  if (!sameHash(range.root(), latest.rootHash)) {
    return {
      ok: false,
      line: `verify: FAILED: the events served do not hash to the signed root of ${latest.size} (edited, inserted or removed)`,
    };
  }
  if (options['save-checkpoint']) writeFileSync(options['save-checkpoint'][0], latestNote);
  const extended = savedNote ? `, consistent with the saved checkpoint` : '';
  return {
    ok: true,
    line: `verify: ok: ${base} signs ${latest.size} events (root ${latest.rootHash.toString('base64')})${extended}; every event served hashes to it${keyNote}`,
  };
}

function evidence(positional: string[], options: Record<string, string[]>): Outcome {
  const [file] = positional;
  if (!file) throw new Error('verify-evidence needs the evidence FILE');
  const key = trustedKey(options);
  if (!key) throw new Error('no public key: give --public-key FILE (the ledger serves it at GET /ledger/public-key)');
  const check = verifyEvidence(JSON.parse(readFileSync(file, 'utf8')) as EvidenceBundle, key.key, key.name);
  return { ok: check.ok, line: check.summary };
}
