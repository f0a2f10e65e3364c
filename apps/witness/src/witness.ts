import {
  checkCheckpoint,
  cosignatureLine,
  fromBase64,
  NoteSigner,
  parseCheckpoint,
  parseNote,
  Policy,
  policyOfLogKey,
  sameHash,
  VerifierKey,
  verifyConsistency,
  EMPTY_TREE_ROOT,
} from '@ledger/transparency-log';
import { WitnessStore } from './witness-store';

export interface WitnessAnswer {
  status: number;
  contentType: string;
  body: string;
}

const MAX_PROOF_LINES = 63;
const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): WitnessAnswer => ({
  status,
  contentType,
  body: `${body}\n`,
});

/**
 * A C2SP tlog-witness (c2sp.org/tlog-witness): for each log it is configured with (its key, named by its origin),
 * it cosigns a new checkpoint only if it extends the newest one it cosigned before, as a consistency proof shows:
 * 404 an unknown origin, 403 no valid signature by the log's key, 400 an old size above the new one (or a body that
 * is not one), 409 an old size that is not the one it holds (the body says which), 422 a proof that does not verify
 * (or a size-0 checkpoint without the empty root, or the same size with another root). Otherwise it stores the new
 * checkpoint (compare-and-set on the size it held) and answers with its Ed25519 cosignature/v1 line.
 */
export class Witness {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly policies = new Map<string, Promise<Policy>>();

  constructor(
    private readonly store: WitnessStore,
    private readonly signer: NoteSigner,
    logs: readonly VerifierKey[],
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    for (const log of logs) this.policies.set(log.name, policyOfLogKey(log));
  }

  get verifierKey(): VerifierKey {
    return this.signer.verifierKey;
  }

  /** POST /add-checkpoint with `body`. */
  async addCheckpoint(body: string): Promise<WitnessAnswer> {
    const request = parseRequest(body);
    if (typeof request === 'string') return text(400, request);
    const { oldSize, proof, note } = request;
    const origin = note.slice(0, note.indexOf('\n'));
    const policy = this.policies.get(origin);
    if (!policy) return text(404, `this witness does not witness the log "${origin.slice(0, 100)}"`);
    const parsed = parseNote(note);
    if (!parsed.ok) return text(400, parsed.reason);
    const checkpoint = parseCheckpoint(parsed.text);
    if (typeof checkpoint === 'string') return text(400, checkpoint);
    const signed = await checkCheckpoint(note, await policy, { quorum: false });
    if (!signed.ok) return this.refuse(origin, 403, signed.reason, body);
    if (oldSize > checkpoint.size) return text(400, `the old size ${oldSize} is above the checkpoint's size ${checkpoint.size}`);
    // Checking the old size and storing the new checkpoint are one step per log: no request is checked against a state another replaces.
    return this.exclusively(origin, async () => {
      const held = this.store.latest(origin);
      const heldSize = held?.size ?? 0;
      if (oldSize !== heldSize)
        return this.refuse(
          origin,
          409,
          `old size ${oldSize}, but this witness holds ${heldSize}`,
          body,
          text(409, String(heldSize), 'text/x.tlog.size'),
        );
      const root = Buffer.from(checkpoint.rootHash);
      if (checkpoint.size === 0 && !sameHash(root, EMPTY_TREE_ROOT))
        return this.refuse(origin, 422, 'a checkpoint of size 0 has the root of the empty tree', body);
      if (oldSize === 0 && proof.length > 0) return this.refuse(origin, 422, 'from size 0 the consistency proof is empty', body);
      if (held && oldSize === checkpoint.size && !sameHash(root, held.rootHash)) {
        return this.refuse(
          origin,
          422,
          `the checkpoint of size ${checkpoint.size} has another root than the one this witness cosigned`,
          body,
        );
      }
      if (
        held &&
        oldSize > 0 &&
        oldSize < checkpoint.size &&
        !(await verifyConsistency(oldSize, checkpoint.size, held.rootHash, root, proof))
      ) {
        return this.refuse(
          origin,
          422,
          `the consistency proof from ${oldSize} to ${checkpoint.size} does not verify: this is not an extension of what this witness cosigned`,
          body,
        );
      }
      if (held && oldSize === checkpoint.size && proof.length > 0)
        return this.refuse(origin, 422, 'between equal sizes the consistency proof is empty', body);
      const line = cosignatureLine(parsed.text, this.signer, this.now());
      const stored = this.store.replace(
        {
          origin,
          size: checkpoint.size,
          rootHash: root,
          note: `${parsed.text}\n${ownLines(parsed.signatures, this.signer)}${line}`,
          cosignedAt: new Date().toISOString(),
        },
        held?.size,
      );
      if (!stored) return text(409, String(this.store.latest(origin)?.size ?? 0), 'text/x.tlog.size');
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: line };
    });
  }

  /** The newest checkpoint cosigned for the log of `origin`: the note with the log's signature and this witness's. */
  latest(origin: string): string | undefined {
    return this.store.latest(origin)?.note;
  }

  origins(): string[] {
    return [...this.policies.keys()];
  }

  private refuse(
    origin: string,
    status: number,
    reason: string,
    request: string,
    answer: WitnessAnswer = text(status, reason),
  ): WitnessAnswer {
    this.store.refused(origin, status, reason, request);
    return answer;
  }

  private async exclusively<T>(origin: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(origin) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.locks.set(
      origin,
      next.catch(() => undefined),
    );
    return next;
  }
}

/** The signature lines of the note to keep beside this witness's: the log's (every one but an older cosignature of its own). */
function ownLines(signatures: { name: string; keyId: Uint8Array; line: string }[], signer: NoteSigner): string {
  return signatures
    .filter(({ name, keyId }) => !(name === signer.verifierKey.name && sameHash(Buffer.from(keyId), Buffer.from(signer.verifierKey.keyId))))
    .map(({ line }) => `${line}\n`)
    .join('');
}

/** `old N`, up to 63 base64 hashes, a blank line, then the checkpoint note; or what is wrong with it. */
export function parseRequest(body: string): { oldSize: number; proof: Buffer[]; note: string } | string {
  const blank = body.indexOf('\n\n');
  if (blank < 0) return 'the request is an old size line, proof lines, a blank line, then the checkpoint';
  const [first, ...proofLines] = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(first);
  if (!old || !Number.isSafeInteger(Number(old[1]))) return `the first line is "old <size>", not "${first.slice(0, 40)}"`;
  if (proofLines.length > MAX_PROOF_LINES) return `at most ${MAX_PROOF_LINES} consistency proof lines`;
  const proof = proofLines.map(fromBase64);
  if (proof.some((hash) => hash?.length !== 32)) return 'each consistency proof line is one base64 SHA-256 hash';
  return { oldSize: Number(old[1]), proof: proof.map((hash) => Buffer.from(hash!)), note: body.slice(blank + 2) };
}
