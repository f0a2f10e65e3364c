import type { KeyObject } from 'node:crypto';
import { openCheckpoint } from './checkpoint';
import { leafHash, sameHash } from './hashing';
import { verifyInclusion } from './proof-verification';

/**
 * The evidence behind one answer of the ledger, in one file an auditor can check alone: the events
 * it cites (each as the exact bytes its leaf hashes), an inclusion proof for each, and the signed
 * checkpoint they prove against. Checking needs only node:crypto and the ledger's public key: this
 * file, checkpoint.ts, hashing.ts and proof-verification.ts import nothing else.
 */
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

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  /** What the evidence is for, as the ledger answered it (not itself signed: the events are). */
  subject: Record<string, unknown>;
  /** Event ids the answer cites; each must be among `events`. */
  cited: string[];
  /** The C2SP signed-note checkpoint every proof leads to. */
  checkpoint: string;
  events: EvidenceEvent[];
}

export interface EvidenceCheck {
  ok: boolean;
  treeSize?: number;
  checked: number;
  problems: string[];
  summary: string;
}

export function verifyEvidence(bundle: EvidenceBundle, publicKey: KeyObject, keyName?: string): EvidenceCheck {
  const problems: string[] = [];
  const fail = (problem: string): EvidenceCheck => ({
    ok: false,
    checked: 0,
    problems: [problem],
    summary: `evidence: FAILED: ${problem}`,
  });
  if (bundle?.format !== EVIDENCE_FORMAT) return fail(`not an evidence file of format ${EVIDENCE_FORMAT}`);
  if (typeof bundle.checkpoint !== 'string' || !Array.isArray(bundle.events)) return fail('no checkpoint or no events');
  const name = keyName ?? bundle.checkpoint.slice(0, bundle.checkpoint.indexOf('\n'));
  const opened = openCheckpoint(bundle.checkpoint, name, publicKey, name);
  if (!opened.ok) return fail(`the checkpoint does not verify: ${opened.reason}`);
  const { size, rootHash } = opened.checkpoint;

  for (const event of bundle.events) {
    const where = `event ${event.eventId} at position ${event.position}`;
    const leaf = leafHash(Buffer.from(String(event.canonical), 'utf8'));
    if (!sameHash(leaf, Buffer.from(String(event.leafHash), 'base64'))) problems.push(`${where}: its bytes do not hash to its leaf`);
    let stated: { id?: unknown; position?: unknown } = {};
    try {
      stated = JSON.parse(event.canonical);
    } catch {
      problems.push(`${where}: its bytes are not JSON`);
    }
    if (stated.id !== event.eventId || stated.position !== event.position) problems.push(`${where}: its bytes are of another event`);
    const proof = Array.isArray(event.inclusionProof) ? event.inclusionProof.map((hash) => Buffer.from(String(hash), 'base64')) : [];
    if (!verifyInclusion(event.leafIndex, size, leaf, proof, rootHash)) {
      problems.push(`${where}: not included in the tree of ${size} (inclusion proof fails)`);
    }
  }
  const present = new Set(bundle.events.map((event) => event.eventId));
  for (const id of bundle.cited ?? []) if (!present.has(id)) problems.push(`cited event ${id} has no evidence`);

  const ok = problems.length === 0;
  return {
    ok,
    treeSize: size,
    checked: bundle.events.length,
    problems,
    summary: ok
      ? `evidence: ok: ${bundle.events.length} events included in the signed tree of ${size} (root ${rootHash.toString('base64')})`
      : `evidence: FAILED: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
  };
}
