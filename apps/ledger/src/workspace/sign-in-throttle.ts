import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';

export const FAILURES_ALLOWED = 5;
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Client addresses remembered at most; beyond it the oldest is forgotten (bounded memory under a spray of addresses). */
const MOST_ADDRESSES = 10_000;

/**
 * Wrong keys, counted per client address: after FAILURES_ALLOWED in THROTTLE_WINDOW_MS, that address's attempts
 * are refused unread until the window ends. A right key clears the count. By the injected Clock.
 */
@Injectable()
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly clock: Clock) {}

  /** Minutes until `address` may try again; 0 when it may now. */
  minutesToWait(address: string): number {
    const entry = this.current(address);
    if (!entry || entry.count < FAILURES_ALLOWED) return 0;
    return Math.ceil((entry.since + THROTTLE_WINDOW_MS - this.clock.now().getTime()) / 60_000);
  }

  failed(address: string): void {
    const entry = this.current(address) ?? { count: 0, since: this.clock.now().getTime() };
    entry.count += 1;
    this.failures.delete(address);
    while (this.failures.size >= MOST_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(address, entry);
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }

  private current(address: string): { count: number; since: number } | undefined {
    const entry = this.failures.get(address);
    if (entry && this.clock.now().getTime() - entry.since >= THROTTLE_WINDOW_MS) {
      this.failures.delete(address);
      return undefined;
    }
    return entry;
  }
}
