/**
 * Transaction time. Microsecond resolution, strictly increasing within a process even when the wall
 * clock stalls or steps back, so `recordedAt` orders appends the way global positions do.
 */
export class TransactionClock {
  private lastMicros = 0;

  constructor(private readonly nowMillis: () => number = Date.now) {}

  /** Continue after a time already recorded (the store's newest `recordedAt`). */
  observe(recordedAt: string | null): void {
    if (recordedAt) this.lastMicros = Math.max(this.lastMicros, parseMicros(recordedAt));
  }

  next(): string {
    this.lastMicros = Math.max(this.nowMillis() * 1000, this.lastMicros + 1);
    return formatMicros(this.lastMicros);
  }
}

export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString(); // 2026-11-23T17:43:07.123Z
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

export function parseMicros(recordedAt: string): number {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(recordedAt);
  if (!match) throw new Error(`not a transaction time: ${recordedAt}`);
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return Date.parse(`${match[1]}Z`) * 1000 + Number(fraction);
}
