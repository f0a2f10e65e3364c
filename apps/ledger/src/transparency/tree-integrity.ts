import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { EventStore } from '@ledger/event-store';
import {
  AuditFinding,
  auditLedgerFile,
  auditLedgerFileInThread,
  AuditReport,
  checkCheckpoint,
  HeldCheckpoint,
  policyOfLogKey,
  sameHash,
  TreeRefusesAppend,
} from '@ledger/transparency-log';
import type { TreeCheck, TreeRule } from '@ledger/public-contract';
import { LedgerTree } from './ledger-tree';
import { LedgerSigningKey } from './signing-key';
import { TransparencySettings } from './transparency.settings';
import { WitnessClient } from './witnesses/witness-client';

export type { TreeCheck, TreeRule } from '@ledger/public-contract';

/**
 * From this many events the embedded file is checked in a thread of its own (about 0.4 s of hashing per 50 000
 * events, 8 s at 1 M, which the read models' first build would otherwise wait behind); below, starting a
 * thread costs more than it saves.
 */
const CHECK_IN_THREAD_FROM = 50_000;

/** A finding of the audit as a rule: how the tree differs from the events, or the events from a signed root. */
export function ruleOf(finding: AuditFinding, treeSize: number): TreeRule {
  switch (finding.kind) {
    case 'unlogged':
      return treeSize === 0 ? 'tree-missing' : 'tree-short';
    case 'truncated':
      return 'events-truncated';
    case 'rewritten':
      return 'checkpoint-contradicted';
    case 'checkpoint':
      return 'checkpoint-not-ours';
    default:
      return 'tree-differs';
  }
}

/** 503: the ledger writes nothing and signs nothing until its tree has been checked, nor after a check that failed. */
export class TreeNotVerified extends ServiceUnavailableException {
  constructor(check: TreeCheck) {
    super(
      check.status === 'failed'
        ? {
            statusCode: 503,
            error: 'TreeNotVerified',
            rule: check.rule,
            position: check.position,
            how: check.how,
            message: `${check.message}: the ledger writes nothing and signs no checkpoint until this is resolved`,
          }
        : {
            statusCode: 503,
            error: 'TreeNotVerified',
            rule: 'tree-check-running',
            message: 'the ledger is checking its tree against its events and its signed checkpoints; try again shortly',
          },
    );
  }
}

/**
 * The start-up check: the whole log, as `verify` checks it (every event hashed and compared with its leaf and
 * nodes, the root at every signed checkpoint, every signature), in the background while reads are served, and
 * against the checkpoints the witnesses hold too (an insider who rewrote both events and tree is caught by a
 * signed root kept elsewhere). A missing, short or differing tree is never rebuilt or re-signed here: the check
 * says which position differs and how (on /health and in the log), and writes and signing stay refused.
 */
export class TreeIntegrity {
  private current: TreeCheck = { status: 'running' };
  private running?: Promise<TreeCheck>;
  private readonly logger = new Logger('TransparencyLog');

  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
    private readonly settings: TransparencySettings,
    private readonly witnesses: WitnessClient,
    private readonly store: EventStore,
  ) {}

  get state(): TreeCheck {
    return this.current;
  }

  /** Starts the check (once); resolves with its outcome. */
  settled(): Promise<TreeCheck> {
    this.running ??= this.check().then((outcome) => {
      this.current = outcome;
      if (outcome.status === 'passed') {
        this.tree.refuseAppends(undefined);
        this.logger.log(
          `tree check passed: ${outcome.events} events in ${outcome.seconds.toFixed(2)} s, against ${outcome.checkedAgainst.join(', ')}`,
        );
      } else if (outcome.status === 'failed') {
        this.tree.refuseAppends(new TreeRefusesAppend(outcome.rule, outcome.message));
        this.logger.error(
          `tree check FAILED: ${outcome.rule} at position ${outcome.position} (${outcome.how}): ${outcome.message}; the ledger refuses writes and signs no checkpoint`,
        );
      }
      return outcome;
    });
    return this.running;
  }

  /** The check again, from the start (after `tree rebuild`). */
  recheck(): Promise<TreeCheck> {
    this.current = { status: 'running' };
    this.running = undefined;
    return this.settled();
  }

  /** Throws 503 unless the check has passed: what signing and writing need. */
  assertVerified(): void {
    if (this.current.status !== 'passed') throw new TreeNotVerified(this.current);
  }

  /** Throws 503 once the check has failed: the tree serves no checkpoint and no proof then (while it runs, it does). */
  assertNotFailed(): void {
    if (this.current.status === 'failed') throw new TreeNotVerified(this.current);
  }

  private async check(): Promise<TreeCheck> {
    const started = Date.now();
    try {
      const held = await this.heldByWitnesses();
      const policy = await policyOfLogKey(this.key.verifierKey);
      const file = this.tree.ledgerFile;
      const large = file !== undefined && (await this.store.head()).eventCount >= CHECK_IN_THREAD_FROM;
      const report = !file
        ? await this.checkProjection(held)
        : large
          ? await auditLedgerFileInThread({ file, policyText: policy.text, held })
          : await auditLedgerFile(file, { policy, held, yieldEvery: 20_000 });
      const [finding, ...others] = report.findings;
      const seconds = report.seconds;
      if (!finding) {
        return {
          status: 'passed',
          events: report.events,
          seconds,
          eventsPerSec: report.eventsPerSec,
          checkedAgainst: [`${report.checkpoints} checkpoints signed by the ledger`, ...held.map(({ heldBy }) => heldBy)],
        };
      }
      return {
        status: 'failed',
        rule: ruleOf(finding, report.treeSize),
        position: finding.position,
        how: finding.kind,
        message: finding.detail,
        seconds,
        others: others.map((other) => `${ruleOf(other, report.treeSize)} at position ${other.position} (${other.kind}): ${other.detail}`),
      };
    } catch (error) {
      const message = `the check could not run: ${error instanceof Error ? error.message : String(error)}`;
      return {
        status: 'failed',
        rule: 'tree-check-error',
        position: 0,
        how: 'error',
        message,
        seconds: (Date.now() - started) / 1000,
        others: [],
      };
    }
  }

  /** The newest checkpoint each witness cosigned for this log (C2SP monitoring call); an unreachable witness is skipped. */
  private async heldByWitnesses(): Promise<HeldCheckpoint[]> {
    const held: HeldCheckpoint[] = [];
    for (const url of this.settings.witnesses) {
      try {
        const note = await this.witnesses.heldCheckpoint(url, this.key.origin);
        if (note) held.push({ heldBy: `witness ${url}`, note });
      } catch (error) {
        this.logger.warn(`witness ${url} could not be asked for its checkpoint: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return held;
  }

  /**
   * KurrentDB: the tree is a projection of the ledger's own. An empty tree over a store that holds events is
   * never filled in at start (that would be the silent rebuild); otherwise it follows the store, and each signed
   * root (the ledger's, the witnesses') must be the tree's root at its size.
   */
  private async checkProjection(held: HeldCheckpoint[]): Promise<AuditReport> {
    const started = Date.now();
    const report = (findings: AuditFinding[], events: number): AuditReport => ({
      ok: findings.length === 0,
      events,
      treeSize: this.tree.tables.size(),
      checkpoints: 0,
      findings,
      seconds: (Date.now() - started) / 1000,
      eventsPerSec: 0,
      summary: '',
    });
    const head = await this.store.head();
    // With the checkpoints in the shared database (PostgreSQL), a node's tree is its own projection, built from
    // the store like any read model: a new node starts with none, and what it builds is checked against every
    // checkpoint signed so far (below). Only a kept tree of the ledger's own is missed when it is gone.
    if (this.tree.tables.size() === 0 && head.eventCount > 0 && !this.tree.checkpointsShared) {
      return report(
        [{ kind: 'unlogged', position: 1, detail: `the tree is missing: none of the ${head.eventCount} events has a leaf` }],
        head.eventCount,
      );
    }
    await this.tree.follow();
    const policy = await policyOfLogKey(this.key.verifierKey);
    const findings: AuditFinding[] = [];
    const size = this.tree.tables.size();
    const local = await Promise.all((await this.tree.checkpoints.sizes()).map((treeSize) => this.tree.checkpoints.at(treeSize)));
    const notes = [...local.map((record) => ({ heldBy: 'the ledger', note: record!.note })), ...held];
    for (const { heldBy, note } of notes) {
      const opened = await checkCheckpoint(note, policy, { quorum: false });
      if (!opened.ok)
        findings.push({ kind: 'checkpoint', position: 0, detail: `a checkpoint held by ${heldBy} is not the ledger's: ${opened.reason}` });
      else if (opened.checkpoint.size > size)
        findings.push({
          kind: 'unlogged',
          position: size + 1,
          detail: `the tree is short: it has ${size} leaves, a checkpoint held by ${heldBy} covers ${opened.checkpoint.size}`,
        });
      else if (!sameHash(this.tree.tables.root(opened.checkpoint.size), Buffer.from(opened.checkpoint.rootHash)))
        findings.push({
          kind: 'rewritten',
          position: 1,
          detail: `the tree's root at ${opened.checkpoint.size} is not the one signed (held by ${heldBy})`,
        });
    }
    return report(findings, size);
  }
}
