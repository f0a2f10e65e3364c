import type { Hash } from './hashing';

/**
 * Where the ledger keeps what it signed and what witnesses said of it: its checkpoints, the cosignatures
 * each witness returned, each witness's state, and the explicit rebuilds of its tree. Asynchronous, so that
 * another implementation (PostgreSQL, for several ledger nodes) can stand behind the same calls.
 */
export interface CheckpointRecord {
  treeSize: number;
  rootHash: Hash;
  /** The signed note, with the ledger's signature only. */
  note: string;
  signedAt: string;
}

export interface StoredCosignature {
  treeSize: number;
  /** The witness as the ledger knows it: its base URL. */
  witness: string;
  /** The witness's key name, from its signature line. */
  keyName: string;
  /** The C2SP signature line, ending in a newline. */
  line: string;
  /** POSIX seconds, from the cosignature itself. */
  timestamp: number;
}

export interface WitnessState {
  url: string;
  /** The witness's verifier key, pinned the first time it was fetched (GET /verifier-key). */
  verifierKey: string | null;
  /** The largest tree size it cosigned for the ledger, and when. */
  cosignedSize: number | null;
  cosignedAt: string | null;
  lastAttemptAt: string | null;
  /** The HTTP status of the last attempt (0: unreachable), and what went wrong when it did. */
  lastStatus: number | null;
  lastError: string | null;
}

export interface TreeRebuild {
  at: string;
  reason: string;
  treeSizeBefore: number;
  events: number;
  /** What the check found before the rebuild, and what the rebuilt tree contradicts, if anything. */
  findings: string[];
}

export interface CheckpointStore {
  save(record: CheckpointRecord): Promise<void>;
  at(treeSize: number): Promise<CheckpointRecord | undefined>;
  latest(): Promise<CheckpointRecord | undefined>;
  sizes(): Promise<number[]>;
  addCosignature(cosignature: StoredCosignature): Promise<void>;
  cosignatures(treeSize: number): Promise<StoredCosignature[]>;
  witness(url: string): Promise<WitnessState | undefined>;
  saveWitness(state: WitnessState): Promise<void>;
  witnesses(): Promise<WitnessState[]>;
  recordRebuild(rebuild: TreeRebuild): Promise<void>;
  rebuilds(): Promise<TreeRebuild[]>;
}

/** A checkpoint's note with the cosignature lines appended: the C2SP form a client verifies with its policy. */
export function cosignedNote(note: string, cosignatures: readonly StoredCosignature[]): string {
  return note + cosignatures.map(({ line }) => line).join('');
}
