import Database from 'better-sqlite3';
import type { StoredEventRow } from '@ledger/event-store/sqlite/sqlite-event-store';
import { canonicalStoredText, storedFields as rowFields } from '../event-leaf';
import { Hash, HASH_SIZE, leafHash, sameHash } from '../hashing';
import { CompactRange } from '../merkle-tree';
import { checkCheckpoint, Cosigner, Policy } from '../verifier/ledger-verify';

/**
 * The check of an embedded ledger file (ledger.sqlite), with no trust in the file: every event's leaf is
 * recomputed from its row and compared with the leaf (and the inner nodes) the ledger logged for it, the root
 * at every signed checkpoint is recomputed and compared with the signed one, every signature is checked with
 * the policy's log key. `npm run ledger -- verify` runs it on an auditor's copy; the ledger runs it on itself at
 * every start, before it accepts a write. The tree in the file only *names* a difference (an edit, a deletion,
 * an insertion, a swap, a truncation): what proves one is a signed root.
 */
export type FindingKind =
  | 'edited'
  | 'missing'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'rewritten'
  | 'checkpoint'
  /** Events from here on have no leaf: the tree is missing or short (or they were put in the table without the ledger). */
  | 'unlogged'
  /** The events and their leaves agree, but an inner node the tree stores does not: proofs served from it would be wrong. */
  | 'node-edited'
  /** No checkpoint in the file meets the policy's quorum of witnesses. */
  | 'unwitnessed';

export interface AuditFinding {
  kind: FindingKind;
  /** The first position that differs (for a checkpoint finding, its tree size). */
  position: number;
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  events: number;
  treeSize: number;
  checkpoints: number;
  /** Size and root of the newest checkpoint that verified. */
  latest?: { size: number; rootHash: string };
  /** The newest checkpoint that meets the policy's quorum, when the policy asks for witnesses. */
  witnessed?: { size: number; cosigners: Cosigner[] };
  findings: AuditFinding[];
  seconds: number;
  eventsPerSec: number;
  summary: string;
}

/** A signed checkpoint held outside the file (by a witness, or saved by an auditor): the events must still give its root. */
export interface HeldCheckpoint {
  /** Who holds it, in words ("witness http://…", "the checkpoint you saved"). */
  heldBy: string;
  note: string;
}

export interface AuditOptions {
  /** The log key(s) the checkpoints must be signed by, and the witnesses and quorum the newest must meet. */
  policy: Policy;
  held?: readonly HeldCheckpoint[];
  /** Give the event loop a turn every so many events (a check running in the background of a serving ledger). */
  yieldEvery?: number;
}

const ROWS = 'SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events';
const MAX_MISMATCHES = 10_000;

interface Signed {
  root: Hash;
  heldBy: string;
}

export async function auditLedgerFile(file: string, options: AuditOptions): Promise<AuditReport> {
  const started = process.hrtime.bigint();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const findings: AuditFinding[] = [];
    const hasTree = tableExists(db, 'merkle_leaves');
    const local = await signedRoots(db, options.policy, findings);
    const held: [number, Signed][] = [];
    for (const { heldBy, note } of options.held ?? []) {
      const opened = await checkCheckpoint(note, options.policy, { quorum: false });
      if (!opened.ok)
        findings.push({ kind: 'checkpoint', position: 0, detail: `the checkpoint ${heldBy} holds does not verify: ${opened.reason}` });
      else held.push([opened.checkpoint.size, { root: Buffer.from(opened.checkpoint.rootHash), heldBy }]);
    }
    const signedSizes = new Set([...local.keys(), ...held.map(([size]) => size)]);

    // One pass: each row hashed, appended to the range, compared with the leaf and nodes logged for it.
    const range = new CompactRange();
    const roots = new Map<number, Hash>([[0, range.root()]]);
    const leaves = hasTree
      ? (db.prepare('SELECT position, hashes FROM merkle_leaves ORDER BY leaf_index').raw(true).iterate() as IterableIterator<
          [number, Buffer]
        >)
      : undefined;
    const mismatches: number[] = [];
    let nodeEdited: number | undefined;
    let count = 0;
    for (const row of db.prepare(`${ROWS} ORDER BY position`).raw(true).iterate() as IterableIterator<StoredEventRow>) {
      const leaf = leafHash(canonicalStoredText(rowFields(row)));
      const completed = range.append(leaf);
      const logged = leaves?.next();
      if (logged && !logged.done) {
        const [position, hashes] = logged.value;
        if (position !== row[0] || leaf.compare(hashes, 0, HASH_SIZE) !== 0) {
          if (mismatches.length < MAX_MISMATCHES) mismatches.push(count);
        } else if (nodeEdited === undefined && !storesNodes(hashes, completed)) {
          nodeEdited = row[0];
        }
      }
      count += 1;
      if (signedSizes.has(count)) roots.set(count, range.root());
      if (options.yieldEvery && count % options.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    leaves?.return?.();
    const treeSize = hasTree ? ((db.prepare('SELECT max(leaf_index) + 1 FROM merkle_leaves').pluck().get() as number | null) ?? 0) : 0;

    const diagnosis = diagnose(db, { count, treeSize, mismatches, hasTree });
    if (diagnosis) findings.push(diagnosis);
    else if (nodeEdited !== undefined) {
      findings.push({
        kind: 'node-edited',
        position: nodeEdited,
        detail: `an inner node the tree stores for the leaf at ${nodeEdited} is not the hash of its children`,
      });
    }
    const signed: [number, Signed][] = [
      ...[...local].map(([size, root]): [number, Signed] => [size, { root, heldBy: 'the ledger' }]),
      ...held,
    ];
    for (const [size, { root, heldBy }] of signed.sort(([a], [b]) => a - b)) {
      if (size > count) {
        findings.push({
          kind: 'truncated',
          position: count + 1,
          detail: `the checkpoint of size ${size} signed by the ledger (held by ${heldBy}) covers ${size} events; only ${count} are left`,
        });
      } else if (!sameHash(roots.get(size), root)) {
        findings.push(rewritten(signed, roots, size, heldBy));
      }
    }
    const good = [...local.keys()].filter((size) => size <= count && sameHash(roots.get(size), local.get(size)));
    const latestSize = good[good.length - 1];
    const latest = latestSize !== undefined ? { size: latestSize, rootHash: local.get(latestSize)!.toString('base64') } : undefined;
    const witnessed = options.policy.quorum === 'none' ? undefined : await newestWitnessed(db, options.policy, good);
    if (options.policy.quorum !== 'none' && !witnessed) {
      findings.push({
        kind: 'unwitnessed',
        position: latestSize ?? 0,
        detail: `no checkpoint in the file is cosigned by the policy's quorum "${options.policy.quorum}" (the newest, size ${latestSize ?? 0}, is not)`,
      });
    }

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const eventsPerSec = Math.round(count / Math.max(seconds, 1e-9));
    // What the tree names comes first (it says exactly where); then the rest, by position.
    findings.sort((a, b) => Number(b === diagnosis) - Number(a === diagnosis) || byPosition(a, b));
    const ok = findings.length === 0;
    const witnessedText = witnessed
      ? `; witnessed up to size ${witnessed.size} by ${witnessed.cosigners.map(({ witness }) => witness).join(', ')}`
      : '';
    const summary = ok
      ? `verify: ok: ${count} events, ${local.size} signed checkpoints${latest ? ` (newest: size ${latest.size}, root ${latest.rootHash})` : ''}${witnessedText}; ${eventsPerSec} events/s`
      : `verify: FAILED: ${findings[0].kind} at ${findings[0].kind === 'checkpoint' ? 'tree size' : 'position'} ${findings[0].position}: ${findings[0].detail}` +
        (findings.length > 1 ? ` (and ${findings.length - 1} more)` : '');
    return { ok, events: count, treeSize, checkpoints: local.size, latest, witnessed, findings, seconds, eventsPerSec, summary };
  } finally {
    db.close();
  }
}

/** Whether a leaf's row stores, after the leaf hash, exactly the subtrees that leaf completes (compared in place). */
function storesNodes(hashes: Buffer, completed: readonly Hash[]): boolean {
  if (hashes.length !== HASH_SIZE * (1 + completed.length)) return false;
  return completed.every((node, i) => node.compare(hashes, HASH_SIZE * (i + 1), HASH_SIZE * (i + 2)) === 0);
}

/** Roots of the checkpoints in the file whose signature verifies; one that does not is a finding. */
async function signedRoots(db: Database.Database, policy: Policy, findings: AuditFinding[]): Promise<Map<number, Hash>> {
  const signed = new Map<number, Hash>();
  if (!tableExists(db, 'merkle_checkpoints')) return signed;
  const rows = db.prepare('SELECT tree_size, note FROM merkle_checkpoints ORDER BY tree_size').raw(true).all() as [number, string][];
  for (const [size, note] of rows) {
    const opened = await checkCheckpoint(note, policy, { quorum: false });
    if (!opened.ok) findings.push({ kind: 'checkpoint', position: size, detail: `the checkpoint is not the ledger's: ${opened.reason}` });
    else if (opened.checkpoint.size !== size)
      findings.push({ kind: 'checkpoint', position: size, detail: `filed as size ${size} but signed for ${opened.checkpoint.size}` });
    else signed.set(size, Buffer.from(opened.checkpoint.rootHash));
  }
  return signed;
}

/** The newest of `sizes` whose checkpoint, with the cosignatures stored for it, meets the policy's quorum. */
async function newestWitnessed(db: Database.Database, policy: Policy, sizes: number[]): Promise<AuditReport['witnessed']> {
  if (!tableExists(db, 'checkpoint_cosignatures')) return undefined;
  const note = db.prepare('SELECT note FROM merkle_checkpoints WHERE tree_size = ?').pluck();
  const lines = db.prepare('SELECT line FROM checkpoint_cosignatures WHERE tree_size = ? ORDER BY witness').pluck();
  const cosigned = new Set(db.prepare('SELECT DISTINCT tree_size FROM checkpoint_cosignatures').pluck().all() as number[]);
  for (const size of sizes.filter((size) => cosigned.has(size)).sort((a, b) => b - a)) {
    const checked = await checkCheckpoint(`${note.get(size) as string}${(lines.all(size) as string[]).join('')}`, policy);
    if (checked.ok) return { size, cosigners: checked.cosigners };
  }
  return undefined;
}

/** Names the first difference between the events and the tree the ledger built as they were appended. */
function diagnose(
  db: Database.Database,
  { count, treeSize, mismatches, hasTree }: { count: number; treeSize: number; mismatches: number[]; hasTree: boolean },
): AuditFinding | undefined {
  if (!hasTree || (treeSize === 0 && count > 0)) {
    return count > 0 ? { kind: 'unlogged', position: 1, detail: `the tree is missing: none of the ${count} events has a leaf` } : undefined;
  }
  const row = db.prepare(`${ROWS} ORDER BY position LIMIT 1 OFFSET ?`).raw(true);
  const logged = db.prepare('SELECT position, substr(hashes, 1, 32) FROM merkle_leaves WHERE leaf_index = ?').raw(true);
  const rowAt = (index: number) => row.get(index) as StoredEventRow | undefined;
  const loggedAt = (index: number) => logged.get(index) as [number, Buffer] | undefined;
  /** Whether the row at `index`, were it at the logged leaf `at`'s position, would be that leaf. */
  const isLoggedAs = (index: number, at: number) => {
    const [candidate, leaf] = [rowAt(index), loggedAt(at)];
    return !!candidate && !!leaf && sameHash(leaf[1], leafHash(canonicalStoredText({ ...rowFields(candidate), position: leaf[0] })));
  };

  if (mismatches.length === 0) {
    if (count < treeSize) {
      return { kind: 'truncated', position: count + 1, detail: `the events end at ${count}; the ledger had logged ${treeSize}` };
    }
    if (count > treeSize) {
      const position = rowAt(treeSize)![0];
      return {
        kind: 'unlogged',
        position,
        detail: `the tree is short: ${count - treeSize} event(s) from here have no leaf (the tree was cut, or they were put in the table without the ledger)`,
      };
    }
    return undefined;
  }

  const first = mismatches[0];
  const [found, expected] = [rowAt(first)!, loggedAt(first)!];
  const position = expected[0];
  if (found[0] > position) {
    return { kind: 'missing', position, detail: `no event at position ${position} (next is ${found[0]}): deleted` };
  }
  // A swap leaves exactly its two positions differing; look among the first few only, each look reads two rows.
  const partner = mismatches.slice(1, 65).find((other) => isLoggedAs(first, other) && isLoggedAs(other, first));
  if (partner !== undefined) {
    return { kind: 'reordered', position, detail: `positions ${position} and ${loggedAt(partner)![0]} hold each other's events` };
  }
  if (isLoggedAs(first, first + 1)) {
    return { kind: 'missing', position, detail: `the event logged at ${position} is gone and the later ones were moved up` };
  }
  if (isLoggedAs(first + 1, first)) {
    return { kind: 'inserted', position, detail: `an event never logged was put at ${position}, pushing the logged ones down` };
  }
  return {
    kind: 'edited',
    position,
    detail: `the event at ${position} (${found[4]} in ${found[2]}) no longer hashes to the leaf logged for it`,
  };
}

/** The events (and perhaps the tree with them) no longer give a signed root: they were changed after it was signed. */
function rewritten(signed: [number, Signed][], roots: Map<number, Hash>, size: number, heldBy: string): AuditFinding {
  const good = signed.filter(([other, { root }]) => other < size && sameHash(roots.get(other), root)).pop()?.[0] ?? 0;
  return {
    kind: 'rewritten',
    position: good + 1,
    detail: `the events up to ${size} do not give the root the ledger signed at that size (${heldBy}): events between ${good + 1} and ${size} were changed`,
  };
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function byPosition(a: AuditFinding, b: AuditFinding): number {
  return a.position - b.position;
}
