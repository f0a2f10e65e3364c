import { Inject, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';
import { DecisionsModule } from '../decisions/decisions.module';
import { CheckpointSigner } from './checkpoint-signer';
import { DecisionEvidenceController } from './decision-evidence.controller';
import { LedgerRecordsController } from './ledger-records.controller';
import { LedgerTree } from './ledger-tree';
import { LedgerSigningKey } from './signing-key';
import { TransparencyController } from './transparency.controller';
import { transparencySettings } from './transparency.settings';

/** The transparency log over the ledger: the Merkle tree, its signed checkpoints, proofs and evidence. */
@Module({
  imports: [DecisionsModule],
  controllers: [TransparencyController, LedgerRecordsController, DecisionEvidenceController],
  providers: [
    {
      provide: LedgerSigningKey,
      inject: [ledgerConfig.KEY],
      useFactory: (config: ConfigType<typeof ledgerConfig>) => new LedgerSigningKey(transparencySettings(config.dataDir)),
    },
    {
      provide: LedgerTree,
      inject: [EVENT_STORE, ledgerConfig.KEY],
      useFactory: (store: EventStore, config: ConfigType<typeof ledgerConfig>) => LedgerTree.open(store, config.dataDir),
    },
    {
      provide: CheckpointSigner,
      inject: [LedgerTree, LedgerSigningKey],
      useFactory: (tree: LedgerTree, key: LedgerSigningKey) => new CheckpointSigner(tree, key),
    },
  ],
  exports: [LedgerTree, CheckpointSigner, LedgerSigningKey],
})
export class TransparencyModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    @Inject(CheckpointSigner) private readonly signer: CheckpointSigner,
    @Inject(LedgerTree) private readonly tree: LedgerTree,
  ) {}

  onApplicationBootstrap(): void {
    this.signer.start();
  }

  /** Before the store closes (its shutdown hook), so the last events are signed. */
  onModuleDestroy(): void {
    this.signer.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tree.close();
  }
}
