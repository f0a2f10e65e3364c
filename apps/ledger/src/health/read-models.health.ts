import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';
import { ProjectionRunner } from '../read-models/projection-runner';

/**
 * The read models are healthy while they follow the store and are at most LEDGER_READ_MODELS_MAX_BEHIND events
 * behind it. While a failed write is being retried (a full disk, a lost connection) or they lag further, /health
 * is 503 naming the projection, the error and how far each one is behind, so a load balancer sends reads elsewhere.
 */
@Injectable()
export class ReadModelsHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
    private readonly projections: ProjectionRunner,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const following = this.projections.state();
    let head: number;
    try {
      head = (await this.store.head()).position;
    } catch (error) {
      return indicator.down({ ...following, message: error instanceof Error ? error.message : String(error) });
    }
    const behind = Object.fromEntries(
      Object.entries(this.projections.checkpoints()).map(([name, position]) => [name, Math.max(0, head - position)]),
    );
    const maxBehind = this.config.readModelsMaxBehind;
    const lagging = Object.keys(behind).filter((name) => behind[name] > maxBehind);
    const details: Record<string, unknown> = { ...following, behind, maxBehind, ...(lagging.length > 0 ? { lagging } : {}) };
    return following.state === 'retrying' || lagging.length > 0 ? indicator.down(details) : indicator.up(details);
  }
}
