import { Inject, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { PostgresCheckpointStore } from '@ledger/transparency-log';
import { ledgerConfig } from '../config/ledger.config';
import { DecisionsModule } from '../decisions/decisions.module';
import { LedgerChanges } from './changes/ledger-changes';
import { LedgerChangesController } from './changes/ledger-changes.controller';
import { CheckpointSigner } from './checkpoint-signer';
import { DecisionEvidence } from './decision-evidence';
import { DecisionEvidenceController } from './decision-evidence.controller';
import { LedgerRecordsController } from './ledger-records.controller';
import { LedgerTree } from './ledger-tree';
import { ALWAYS_HELD, PostgresSignerLock, SIGNER_LOCK, SignerLock } from './signer-lock';
import { loadSigningKey, LedgerSigningKey } from './signing-key';
import { TransparencyController } from './transparency.controller';
import { TRANSPARENCY_SETTINGS, transparencySettings, TransparencySettings } from './transparency.settings';
import { TransparencyStatus } from './transparency-status';
import { TreeIntegrity } from './tree-integrity';
import { WitnessClient } from './witnesses/witness-client';
import { WitnessPusher } from './witnesses/witness-pusher';
import { WritesAfterTreeCheck } from './writes-after-tree-check.guard';

import { SHARED_POSTGRES, SharedPostgres } from '../store/shared-postgres';

type Config = ConfigType<typeof ledgerConfig>;

/** The tree, with the checkpoints in the shared PostgreSQL when there is one (one history for every node). */
export const ledgerTreeProvider = {
  provide: LedgerTree,
  inject: [EVENT_STORE, ledgerConfig.KEY, SHARED_POSTGRES],
  useFactory: (store: EventStore, config: Config, shared: SharedPostgres) =>
    LedgerTree.open(store, config.dataDir, shared ? new PostgresCheckpointStore(shared) : undefined),
};

/** One signer at a time among the nodes sharing a PostgreSQL; a lone node always signs. */
export const signerLockProvider = {
  provide: SIGNER_LOCK,
  inject: [SHARED_POSTGRES],
  useFactory: async (shared: SharedPostgres): Promise<SignerLock> => {
    if (!shared) return ALWAYS_HELD;
    const lock = new PostgresSignerLock(shared.options);
    await lock.settled();
    return lock;
  },
};

/**
 * The transparency log over the ledger: the Merkle tree and its start-up check, its signed checkpoints, the
 * witnesses that cosign them, proofs and evidence.
 */
@Module({
  imports: [DecisionsModule],
  controllers: [TransparencyController, LedgerRecordsController, DecisionEvidenceController, LedgerChangesController],
  providers: [
    { provide: TRANSPARENCY_SETTINGS, inject: [ledgerConfig.KEY], useFactory: (config: Config) => transparencySettings(config) },
    {
      provide: LedgerSigningKey,
      inject: [TRANSPARENCY_SETTINGS],
      useFactory: (settings: TransparencySettings) => loadSigningKey(settings),
    },
    ledgerTreeProvider,
    {
      provide: WitnessClient,
      inject: [TRANSPARENCY_SETTINGS],
      useFactory: (settings: TransparencySettings) => new WitnessClient(settings.witnessTimeoutMs),
    },
    {
      provide: TreeIntegrity,
      inject: [LedgerTree, LedgerSigningKey, TRANSPARENCY_SETTINGS, WitnessClient, EVENT_STORE],
      useFactory: (tree: LedgerTree, key: LedgerSigningKey, settings: TransparencySettings, client: WitnessClient, store: EventStore) =>
        new TreeIntegrity(tree, key, settings, client, store),
    },
    signerLockProvider,
    {
      provide: CheckpointSigner,
      inject: [LedgerTree, LedgerSigningKey, TRANSPARENCY_SETTINGS, TreeIntegrity, SIGNER_LOCK],
      useFactory: (tree: LedgerTree, key: LedgerSigningKey, settings: TransparencySettings, integrity: TreeIntegrity, lock: SignerLock) =>
        new CheckpointSigner(tree, key, settings, integrity, lock),
    },
    {
      provide: TransparencyStatus,
      inject: [LedgerTree, LedgerSigningKey, TRANSPARENCY_SETTINGS, TreeIntegrity, ledgerConfig.KEY],
      useFactory: (tree: LedgerTree, key: LedgerSigningKey, settings: TransparencySettings, integrity: TreeIntegrity, config: Config) =>
        new TransparencyStatus(tree, key, settings, integrity, config.dataDir),
    },
    {
      provide: WitnessPusher,
      inject: [LedgerTree, LedgerSigningKey, TRANSPARENCY_SETTINGS, WitnessClient, TransparencyStatus],
      useFactory: (
        tree: LedgerTree,
        key: LedgerSigningKey,
        settings: TransparencySettings,
        client: WitnessClient,
        status: TransparencyStatus,
      ) => new WitnessPusher(tree, key, settings, client, () => void status.publish()),
    },
    DecisionEvidence,
    LedgerChanges,
    { provide: APP_GUARD, useClass: WritesAfterTreeCheck },
  ],
  exports: [
    LedgerTree,
    CheckpointSigner,
    SIGNER_LOCK,
    LedgerSigningKey,
    TreeIntegrity,
    TransparencyStatus,
    WitnessPusher,
    DecisionEvidence,
    TRANSPARENCY_SETTINGS,
  ],
})
export class TransparencyModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    @Inject(CheckpointSigner) private readonly signer: CheckpointSigner,
    @Inject(LedgerTree) private readonly tree: LedgerTree,
    @Inject(TreeIntegrity) private readonly integrity: TreeIntegrity,
    @Inject(WitnessPusher) private readonly witnesses: WitnessPusher,
    @Inject(TransparencyStatus) private readonly status: TransparencyStatus,
    @Inject(SIGNER_LOCK) private readonly lock: SignerLock,
  ) {}

  /** The check starts in the background; the checkpoint signer and the witnesses follow it once it has passed. */
  onApplicationBootstrap(): void {
    this.signer.onSigned(() => {
      this.witnesses.checkpointSigned();
      void this.status.publish();
    });
    this.signer.start();
    void this.integrity.settled().then((check) => {
      void this.status.publish();
      if (check.status === 'passed') this.witnesses.checkpointSigned();
    });
  }

  /** Before the store closes (its shutdown hook), so the last events are signed. */
  async onModuleDestroy(): Promise<void> {
    this.witnesses.stop();
    await this.signer.stop();
    // Another node takes over the schedule.
    await this.lock.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.status.publish();
    await this.tree.close();
  }
}
