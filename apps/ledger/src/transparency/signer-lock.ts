import { Client, type ClientConfig } from 'pg';

/**
 * Which node signs checkpoints on its own schedule: one at a time. On the embedded store there is one node
 * and it always holds the lock. On PostgreSQL it is a session-level advisory lock held on a connection of its
 * own: a node that dies, or loses the database, loses its session and the lock with it, and another node,
 * trying every `retryMs`, takes it over within seconds. (Any node still signs on demand, `signLatest`, when an
 * answer needs a checkpoint: the checkpoint store keeps the first signature at a size, so that is harmless.)
 */
export interface SignerLock {
  held(): boolean;
  close(): Promise<void>;
}

export const SIGNER_LOCK = Symbol('SIGNER_LOCK');

export const ALWAYS_HELD: SignerLock = { held: () => true, close: async () => undefined };

/** The advisory locks' keys: the same on every node of one database, one per duty. */
const SIGNER_LOCK_KEY = 0x5167e5;
export const PUBLIC_WRITER_LOCK_KEY = 0x9b11c;

/**
 * One duty held by one node at a time through a session-level advisory lock (see SignerLock): the signer's,
 * and the public projection's writer's. `whenHeld` runs each time this node takes the duty over.
 */
export class PostgresAdvisoryLock implements SignerLock {
  private client: Client | undefined;
  private holding = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private attempt: Promise<void> = Promise.resolve();

  private whenHeld: () => void = () => undefined;

  constructor(
    private readonly config: ClientConfig,
    retryMs = 1000,
    private readonly key = SIGNER_LOCK_KEY,
    private readonly duty = 'signer',
  ) {
    this.timer = setInterval(() => void (this.attempt = this.attempt.then(() => this.tryToHold())), retryMs);
    this.timer.unref();
    this.attempt = this.tryToHold();
  }

  held(): boolean {
    return this.holding;
  }

  onHeld(listener: () => void): void {
    this.whenHeld = listener;
  }

  /** Resolves once the first attempt is over (held or not). */
  async settled(): Promise<boolean> {
    await this.attempt;
    return this.holding;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.attempt;
    this.holding = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async tryToHold(): Promise<void> {
    if (this.closed || this.holding) return;
    try {
      if (!this.client) {
        const client = new Client({ ...this.config, keepAlive: true, application_name: `ledger ${this.duty} lock` });
        const lost = () => {
          if (this.client === client) [this.client, this.holding] = [undefined, false];
        };
        client.on('error', lost);
        client.on('end', lost);
        await client.connect();
        // A peer gone without closing its connection is noticed within seconds, and its lock freed.
        await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 2');
        this.client = client;
      }
      const { rows } = await this.client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [this.key]);
      this.holding = rows[0].held && !this.closed;
      if (this.holding) this.whenHeld();
    } catch {
      this.holding = false;
      await this.client?.end().catch(() => undefined);
      this.client = undefined;
    }
  }
}

/** The signer's lock, kept under its first name. */
export class PostgresSignerLock extends PostgresAdvisoryLock {}
