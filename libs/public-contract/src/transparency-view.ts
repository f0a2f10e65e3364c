/** What the ledger publishes of its transparency log in transparency.json, which the public site reads. */

/** The file the ledger writes into its data folder for the site: public, like everything the site reads. */
export const TRANSPARENCY_FILE = 'transparency.json';

/** Where the check of the tree stands: writes and new checkpoints wait for `passed`. */
export type TreeCheck =
  | { status: 'running' }
  | { status: 'passed'; events: number; seconds: number; eventsPerSec: number; checkedAgainst: string[] }
  | { status: 'failed'; rule: TreeRule; position: number; how: string; message: string; seconds: number; others: string[] };

/** What the check can find, as /health names it. */
export type TreeRule =
  | 'tree-missing'
  | 'tree-short'
  | 'tree-differs'
  | 'events-truncated'
  | 'checkpoint-contradicted'
  | 'checkpoint-not-ours'
  | 'tree-check-error';

export interface WitnessView {
  url: string;
  keyName: string | null;
  verifierKey: string | null;
  cosignedSize: number | null;
  cosignedAt: string | null;
  /** Events signed by the ledger that the witness has not cosigned yet. */
  lag: number | null;
  status: 'up-to-date' | 'behind' | 'refusing' | 'unreachable' | 'not-yet-asked';
  lastAttemptAt: string | null;
  lastError: string | null;
}

/** What the ledger says of its own log: the check, the newest checkpoint and who cosigned it, the witnesses, its policy. */
export interface TransparencyView {
  origin: string;
  logKey: string;
  check: TreeCheck;
  checkpoint: {
    treeSize: number;
    rootHash: string;
    signedAt: string;
    /** The signed note with one cosignature line per witness that cosigned it. */
    note: string;
    cosigners: { witness: string; keyName: string; cosignedAt: string }[];
  } | null;
  /** `not witnessed` when no witness is configured, or none has cosigned the newest checkpoint. */
  witnessed: boolean;
  witnesses: WitnessView[];
  /** The ledger's own C2SP tlog-policy: its key, the witnesses it asks, how many must cosign. */
  policy: string;
  writtenAt: string;
}
