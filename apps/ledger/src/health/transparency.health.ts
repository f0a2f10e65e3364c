import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { TransparencyStatus } from '../transparency/transparency-status';

/**
 * The transparency log is healthy once the start-up check of its tree has passed; while it runs, and after it
 * has failed (the rule, the position that differs and how), /health is 503. How far each witness lags is
 * reported either way; a witness that is down never makes the ledger unhealthy, and no witness is "not witnessed".
 */
@Injectable()
export class TransparencyHealthIndicator {
  constructor(
    private readonly status: TransparencyStatus,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const view = await this.status.view();
    const details: Record<string, unknown> = {
      check: view.check.status,
      ...(view.check.status === 'failed'
        ? {
            rule: view.check.rule,
            position: view.check.position,
            how: view.check.how,
            message: view.check.message,
            also: view.check.others,
          }
        : view.check.status === 'running'
          ? { rule: 'tree-check-running' }
          : { checkedEvents: view.check.events, checkSeconds: Number(view.check.seconds.toFixed(3)) }),
      treeSize: view.checkpoint?.treeSize ?? null,
      witnessed: view.witnessed ? `cosigned by ${view.checkpoint!.cosigners.map(({ keyName }) => keyName).join(', ')}` : 'not witnessed',
      witnesses: view.witnesses.map(({ url, keyName, status, cosignedSize, lag, lastError }) => ({
        url,
        keyName,
        status,
        cosignedSize,
        lag,
        lastError,
      })),
    };
    return view.check.status === 'passed' ? indicator.up(details) : indicator.down(details);
  }
}
