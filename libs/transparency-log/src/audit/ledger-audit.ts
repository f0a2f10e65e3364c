import Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import type { StoredEventRow } from '@ledger/event-store/sqlite/sqlite-event-store';
import { openCheckpoint } from '../checkpoint';
import { canonicalStoredText, storedFields as rowFields } from '../event-leaf';
import { Hash, leafHash, sameHash } from '../hashing';
import { CompactRange } from '../merkle-tree';

/**
 * `verify` on an auditor's copy of an embedded ledger (ledger.sqlite), with no server and no trust
 * in the copy: every event's leaf is recomputed from its row, the root at every stored checkpoint is
 * recomputed from those leaves and compared with the signed one, every signature is checked with the
 * ledger's public key. The tree table in the file is only a witness used to *name* a difference (an
 * edit, a deletion, an insertion, a swap, a truncation): what proves one is a signed root.
 */
export type FindingKind = 'edited' | 'missing' | 'inserted' | 'reordered' | 'truncated' | 'rewritten' | 'checkpoint';

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
  findings: AuditFinding[];
  seconds: number;
  eventsPerSec: number;
  summary: string;
}

export interface AuditOptions {
  publicKey: KeyObject;
  /** Key name and origin the checkpoints must carry; by default each note's own origin line. */
  keyName?: string;
  /** A checkpoint the auditor saved earlier: the copy must still hold that tree. */
  savedCheckpoint?: string;
}

const ROWS = 'SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events';
const MAX_MISMATCHES = 10_000;

export function auditLedgerFile(file: string, options: AuditOptions): AuditReport {
  const started = process.hrtime.bigint();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const findings: AuditFinding[] = [];
    const hasTree = tableExists(db, 'merkle_leaves');
    const signed = signedRoots(db, options, findings);

    // Pass 1, the proof: every leaf recomputed from its row, the root at every signed size.
    const range = new CompactRange();
    const roots = new Map<number, Hash>([[0, range.root()]]);
    let count = 0;
    let gap = false;
    for (const row of db.prepare(`${ROWS} ORDER BY position`).raw(true).iterate() as IterableIterator<StoredEventRow>) {
      range.append(leafHash(canonicalStoredText(rowFields(row))));
      count += 1;
      if (row[0] !== count) gap = true;
      if (signed.has(count)) roots.set(count, range.root());
    }
    const treeSize = hasTree ? ((db.prepare('SELECT max(leaf_index) + 1 FROM merkle_leaves').pluck().get() as number | null) ?? 0) : 0;
    // Pass 2, the witness: rows against the leaves the ledger logged, to name what differs. All of them
    // when something already does; else only those no signed checkpoint covers yet.
    const allSigned = [...signed].every(([size, root]) => sameHash(roots.get(size), root));
    const from = gap || count !== treeSize || !allSigned ? 0 : Math.max(0, ...[...signed.keys()].filter((size) => size <= count));
    const mismatches = hasTree ? mismatchesWithTree(db, from) : [];

    const diagnosis = diagnose(db, { count, treeSize, mismatches, hasTree });
    if (diagnosis) findings.push(diagnosis);
    for (const [size, root] of signed) {
      if (size > count) {
        if (!diagnosis)
          findings.push({
            kind: 'truncated',
            position: count + 1,
            detail: `a signed checkpoint covers ${size} events; only ${count} are left`,
          });
      } else if (!sameHash(roots.get(size), root)) {
        if (!diagnosis) findings.push(rewritten(signed, roots, size));
      }
    }
    if (options.savedCheckpoint) findings.push(...savedCheckpointFindings(options, count, (size) => roots.get(size) ?? rootAt(db, size)));

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const eventsPerSec = Math.round(count / Math.max(seconds, 1e-9));
    const latestSize = [...signed.keys()].filter((size) => size <= count && sameHash(roots.get(size), signed.get(size))).pop();
    const latest = latestSize !== undefined ? { size: latestSize, rootHash: signed.get(latestSize)!.toString('base64') } : undefined;
    findings.sort(byPosition);
    const ok = findings.length === 0;
    const summary = ok
      ? `verify: ok: ${count} events, ${signed.size} signed checkpoints${latest ? ` (newest: size ${latest.size}, root ${latest.rootHash})` : ''}; ${eventsPerSec} events/s`
      : `verify: FAILED: ${findings[0].kind} at ${findings[0].kind === 'checkpoint' ? 'tree size' : 'position'} ${findings[0].position}: ${findings[0].detail}` +
        (findings.length > 1 ? ` (and ${findings.length - 1} more)` : '');
    return { ok, events: count, treeSize, checkpoints: signed.size, latest, findings, seconds, eventsPerSec, summary };
  } finally {
    db.close();
  }
}

/** Indexes (from `from` on) whose row does not hash to the leaf logged at that index. */
function mismatchesWithTree(db: Database.Database, from: number): number[] {
  const rows = db.prepare(`${ROWS} ORDER BY position LIMIT -1 OFFSET ?`).raw(true).iterate(from) as IterableIterator<StoredEventRow>;
  const leaves = db
    .prepare('SELECT position, substr(hashes, 1, 32) FROM merkle_leaves WHERE leaf_index >= ? ORDER BY leaf_index')
    .raw(true)
    .iterate(from) as IterableIterator<[number, Buffer]>;
  const mismatches: number[] = [];
  let index = from;
  for (const row of rows) {
    const logged = leaves.next();
    if (logged.done) break;
    const [position, leaf] = logged.value;
    if ((position !== row[0] || !sameHash(leaf, leafHash(canonicalStoredText(rowFields(row))))) && mismatches.push(index) >= MAX_MISMATCHES)
      break;
    index += 1;
  }
  leaves.return?.();
  return mismatches;
}

/** Roots of the checkpoints whose signature verifies; a checkpoint that does not is a finding. */
function signedRoots(db: Database.Database, options: AuditOptions, findings: AuditFinding[]): Map<number, Hash> {
  const signed = new Map<number, Hash>();
  if (!tableExists(db, 'merkle_checkpoints')) return signed;
  const rows = db.prepare('SELECT tree_size, note FROM merkle_checkpoints ORDER BY tree_size').raw(true).all() as [number, string][];
  for (const [size, note] of rows) {
    const name = options.keyName ?? note.slice(0, note.indexOf('\n'));
    const opened = openCheckpoint(note, name, options.publicKey, name);
    if (!opened.ok) findings.push({ kind: 'checkpoint', position: size, detail: `the checkpoint is not the ledger's: ${opened.reason}` });
    else if (opened.checkpoint.size !== size)
      findings.push({ kind: 'checkpoint', position: size, detail: `filed as size ${size} but signed for ${opened.checkpoint.size}` });
    else signed.set(size, opened.checkpoint.rootHash);
  }
  return signed;
}

/** Names the first difference between the events and the tree the ledger built as they were appended. */
function diagnose(
  db: Database.Database,
  { count, treeSize, mismatches, hasTree }: { count: number; treeSize: number; mismatches: number[]; hasTree: boolean },
): AuditFinding | undefined {
  if (!hasTree) return undefined;
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
        kind: 'inserted',
        position,
        detail: `${count - treeSize} event(s) from here were put in the table but never logged in the tree`,
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
    return {
      kind: 'reordered',
      position,
      detail: `positions ${position} and ${loggedAt(partner)![0]} hold each other's events`,
    };
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

/** The tree table agrees with the events, yet a signed root does not: both were rewritten. */
function rewritten(signed: Map<number, Hash>, roots: Map<number, Hash>, size: number): AuditFinding {
  const good = [...signed.keys()].filter((other) => other < size && sameHash(roots.get(other), signed.get(other))).pop() ?? 0;
  return {
    kind: 'rewritten',
    position: good + 1,
    detail: `the root at size ${size} is not the signed one: events between ${good + 1} and ${size} were changed, and the tree with them`,
  };
}

function savedCheckpointFindings(options: AuditOptions, count: number, rootOf: (size: number) => Hash | undefined): AuditFinding[] {
  const note = options.savedCheckpoint!;
  const name = options.keyName ?? note.slice(0, note.indexOf('\n'));
  const opened = openCheckpoint(note, name, options.publicKey, name);
  if (!opened.ok) return [{ kind: 'checkpoint', position: 0, detail: `the saved checkpoint does not verify: ${opened.reason}` }];
  const { size, rootHash } = opened.checkpoint;
  if (size > count)
    return [{ kind: 'truncated', position: count + 1, detail: `the saved checkpoint covers ${size} events; only ${count} are left` }];
  if (!sameHash(rootOf(size), rootHash))
    return [{ kind: 'rewritten', position: 1, detail: `the events up to ${size} are not those of the saved checkpoint` }];
  return [];
}

/** Root of the first `size` events, recomputed (for a saved checkpoint whose size is not a stored one). */
function rootAt(db: Database.Database, size: number): Hash {
  const range = new CompactRange();
  for (const row of db.prepare(`${ROWS} ORDER BY position LIMIT ?`).raw(true).iterate(size) as IterableIterator<StoredEventRow>) {
    range.append(leafHash(canonicalStoredText(rowFields(row))));
  }
  return range.root();
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function byPosition(a: AuditFinding, b: AuditFinding): number {
  return a.position - b.position;
}
