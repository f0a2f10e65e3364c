import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { hostname } from 'node:os';
import { ledgerConfig } from '../config/ledger.config';
import { ProjectionRunner } from '../read-models/projection-runner';
import { SIGNER_LOCK, SignerLock } from '../transparency/signer-lock';
import { PUBLIC_WRITER_LOCK } from '../public-projection/public-writer-lock';

/**
 * The ledger is healthy when its event store answers a head read. It names the store and this node (with
 * several nodes on one database, which one answered), whether this node signs checkpoints on the schedule and
 * whether it writes the public projection,
 * and how many events its read models have still to apply.
 */
@Injectable()
export class EventStoreHealthIndicator {
  private readonly node = `${hostname()}:${process.pid}`;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
    @Inject(SIGNER_LOCK) private readonly signerLock: SignerLock,
    @Inject(PUBLIC_WRITER_LOCK) private readonly publicWriterLock: SignerLock,
    private readonly projections: ProjectionRunner,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const head = await this.store.head();
      return indicator.up({
        position: head.position,
        eventCount: head.eventCount,
        store: this.config.store,
        node: this.node,
        signer: this.signerLock.held(),
        publicWriter: this.publicWriterLock.held(),
        readModelsBehind: Math.max(0, head.position - this.projections.checkpoint()),
      });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
