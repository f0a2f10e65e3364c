import { Logger } from '@nestjs/common';
import {
  asCosignatureKey,
  checkCheckpoint,
  CheckpointRecord,
  parseNote,
  parseVerifierKey,
  Policy,
  VerifierKey,
  WitnessState,
} from '@ledger/transparency-log';
import { LedgerTree } from '../ledger-tree';
import { LedgerSigningKey } from '../signing-key';
import { TransparencySettings } from '../transparency.settings';
import { WitnessClient } from './witness-client';

/** What one push came to: cosigned, or why not (the HTTP status, 0 when the witness could not be reached). */
export type PushOutcome = { cosigned: true; treeSize: number } | { cosigned: false; status: number; message: string };

interface Schedule {
  inFlight: boolean;
  again: boolean;
  failures: number;
  timer?: NodeJS.Timeout;
}

/**
 * Sends every new checkpoint to each witness of LEDGER_WITNESSES (C2SP tlog-witness), with a consistency proof
 * from the size the witness last cosigned, and keeps the cosignatures it returns, once checked against the
 * witness's key (fetched from GET /verifier-key the first time and pinned). A witness that is down or refuses is
 * tried again after a back-off that doubles up to five minutes; nothing here ever holds up a write.
 */
export class WitnessPusher {
  private readonly schedules = new Map<string, Schedule>();
  private readonly logger = new Logger('Witnesses');
  private stopped = false;

  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
    private readonly settings: TransparencySettings,
    private readonly client: WitnessClient,
    /** Told after each attempt, so the public copy and /health follow. */
    private readonly changed: () => void = () => undefined,
  ) {}

  /** Sends the newest checkpoint to every witness (the signer calls this for each new one). */
  checkpointSigned(): void {
    for (const url of this.settings.witnesses) void this.push(url);
  }

  stop(): void {
    this.stopped = true;
    for (const schedule of this.schedules.values()) clearTimeout(schedule.timer);
  }

  /** One attempt at a witness, now, whatever its back-off: what `tree rebuild` reports. */
  async pushOnce(url: string): Promise<PushOutcome> {
    const latest = await this.tree.checkpoints.latest();
    if (!latest) return { cosigned: false, status: 0, message: 'no checkpoint has been signed' };
    const state = (await this.tree.checkpoints.witness(url)) ?? {
      url,
      verifierKey: null,
      cosignedSize: null,
      cosignedAt: null,
      lastAttemptAt: null,
      lastStatus: null,
      lastError: null,
    };
    const outcome = await this.attempt(state, latest).catch((error): PushOutcome => ({
      cosigned: false,
      status: 0,
      message: `unreachable: ${error instanceof Error ? error.message : String(error)}`,
    }));
    await this.tree.checkpoints.saveWitness({
      ...state,
      lastAttemptAt: new Date().toISOString(),
      lastStatus: outcome.cosigned ? 200 : outcome.status,
      lastError: outcome.cosigned ? null : outcome.message,
    });
    this.changed();
    return outcome;
  }

  private async push(url: string): Promise<void> {
    const schedule = this.schedules.get(url) ?? { inFlight: false, again: false, failures: 0 };
    this.schedules.set(url, schedule);
    if (this.stopped) return;
    if (schedule.inFlight) {
      schedule.again = true;
      return;
    }
    clearTimeout(schedule.timer);
    schedule.inFlight = true;
    const outcome = await this.pushOnce(url).finally(() => (schedule.inFlight = false));
    if (outcome.cosigned) {
      schedule.failures = 0;
    } else {
      schedule.failures += 1;
      const delay = Math.min(this.settings.witnessRetry.firstMs * 2 ** (schedule.failures - 1), this.settings.witnessRetry.maxMs);
      this.logger.warn(
        `witness ${url}: ${outcome.status || 'unreachable'} ${outcome.message}; trying again in ${Math.round(delay / 1000)} s`,
      );
      if (!this.stopped) {
        schedule.timer = setTimeout(() => void this.push(url), delay);
        schedule.timer.unref();
      }
    }
    if (schedule.again) {
      schedule.again = false;
      void this.push(url);
    }
  }

  /** add-checkpoint from the size the witness holds (once more from the size a 409 names), the cosignature checked and kept. */
  private async attempt(state: WitnessState, latest: CheckpointRecord): Promise<PushOutcome> {
    if (!state.verifierKey)
      state.verifierKey = (await asCosignatureKey(await parseVerifierKey(await this.client.verifierKey(state.url)))).text;
    const witnessKey = await asCosignatureKey(await parseVerifierKey(state.verifierKey));
    const known = state.cosignedSize ?? 0;
    let oldSize = known <= latest.treeSize ? known : 0;
    for (let tries = 0; tries < 2; tries++) {
      const proof = this.tree.tables.consistencyProof(oldSize, latest.treeSize);
      const answer = await this.client.addCheckpoint(state.url, oldSize, proof, latest.note);
      if (answer.status === 409 && 'size' in answer) {
        if (answer.size > latest.treeSize) {
          return {
            cosigned: false,
            status: 409,
            message: `the witness has cosigned ${answer.size} events, more than the ${latest.treeSize} the ledger signs now`,
          };
        }
        oldSize = answer.size;
        continue;
      }
      if (answer.status !== 200 || !('lines' in answer))
        return { cosigned: false, status: answer.status, message: 'message' in answer ? answer.message : '' };
      const line = await this.checkedCosignature(latest.note, answer.lines, witnessKey);
      if (!line)
        return { cosigned: false, status: 200, message: `no valid cosignature by the pinned key ${witnessKey.name} in the answer` };
      await this.tree.checkpoints.addCosignature({ treeSize: latest.treeSize, witness: state.url, keyName: witnessKey.name, ...line });
      state.cosignedSize = latest.treeSize;
      state.cosignedAt = new Date(line.timestamp * 1000).toISOString();
      return { cosigned: true, treeSize: latest.treeSize };
    }
    return { cosigned: false, status: 409, message: 'the witness holds another size than the one it named' };
  }

  /** The witness's line among `lines` that verifies as its cosignature/v1 on the checkpoint, with its time. */
  private async checkedCosignature(
    note: string,
    lines: string[],
    witnessKey: VerifierKey,
  ): Promise<{ line: string; timestamp: number } | undefined> {
    const policy: Policy = {
      logs: [{ key: this.key.verifierKey }],
      witnesses: [{ name: 'witness', key: witnessKey }],
      groups: [],
      quorum: 'witness',
      text: '',
    };
    const parsed = parseNote(note + lines.join(''));
    const line = parsed.ok
      ? parsed.signatures.find((s) => s.name === witnessKey.name && Buffer.from(s.keyId).equals(witnessKey.keyId))?.line
      : undefined;
    if (!line) return undefined;
    const checked = await checkCheckpoint(note + `${line}\n`, policy);
    return checked.ok ? { line: `${line}\n`, timestamp: checked.cosigners[0].timestamp } : undefined;
  }
}
