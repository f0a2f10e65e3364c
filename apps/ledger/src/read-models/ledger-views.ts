import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ArrangementView, BodyRegister, DecisionRegister, FactSources, LedgerFact } from '@ledger/governance';
import { EVENT_STORE, EventStore, parseMicros, RecordedEvent } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';
import { Basis, BasisNotProjected, BasisNotReached, parseAsKnownAt } from './basis';
import { CachedStanding } from './caches/cached-standing';
import { AuthorityAtBasis, FactLog, PlainStanding, Standing } from './standing';

/** How long a read waits for the read models to reach a basis the store already holds. */
const BASIS_WAIT_MS = 5000;

/**
 * What every read is answered from: the standing structure as known at the read's basis, and that basis.
 * An answer "as known at P" rests on the facts up to P; since facts are only ever added, the same basis
 * always gives the same answer, however much is recorded later. The answers are the plain ones
 * (PlainStanding: the facts up to the basis, folded, asked); with the read cache (caches/, on unless
 * LEDGER_READ_CACHE=off) they come from structures kept as the facts arrive.
 */
@Injectable()
export class LedgerViews {
  private readonly standing: Standing;
  private head = 0;
  /** Transaction time of the event at `head`; undefined until looked up. */
  private headRecordedAt: string | null | undefined = null;
  private readonly waiting: { position: number; resolve: () => void }[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ledgerConfig.KEY) config: ConfigType<typeof ledgerConfig>,
  ) {
    this.standing = config.readCache ? new CachedStanding() : new PlainStanding();
  }

  reset(log: FactLog, facts: readonly LedgerFact[]): void {
    this.standing.reset(log, facts);
  }

  add(log: FactLog, added: readonly LedgerFact[]): void {
    this.standing.add(log, added);
  }

  /** Every projection has seen the ledger up to `position`, whose event was recorded at `recordedAt` (when known). */
  advanceTo(position: number, recordedAt?: string | null): void {
    if (position < this.head) return;
    if (position > this.head || recordedAt !== undefined) this.headRecordedAt = position === 0 ? null : recordedAt;
    this.head = position;
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i].position <= position) this.waiting.splice(i, 1)[0].resolve();
  }

  get position(): number {
    return this.head;
  }

  /** The basis of a read: `asKnownAt` as a client gives it (a position, an ISO timestamp, or nothing for the head). */
  async basis(asked?: string): Promise<Basis> {
    const asKnownAt = parseAsKnownAt(asked);
    if (asKnownAt === 'head') {
      if (this.headRecordedAt === undefined) this.headRecordedAt = (await this.lastEventWhere(this.head, () => true))?.recordedAt ?? null;
      return { position: this.head, recordedAt: this.headRecordedAt, asked: null };
    }
    if ('position' in asKnownAt) {
      const { position } = asKnownAt;
      if (position > this.head) {
        const head = (await this.store.head()).position;
        if (position > head)
          throw new BasisNotReached(
            'asKnownAt',
            `asKnownAt ${position} is beyond the ledger's head (${head}): a basis names a position the ledger has reached`,
          );
        await this.reached(position);
      }
      const last = await this.lastEventWhere(position, () => true);
      return { position, recordedAt: last?.recordedAt ?? null, asked: String(position) };
    }
    // A timestamp: the ledger as it stood after the last event recorded at or before it; a time to come is not a basis yet.
    const micros = parseMicros(asKnownAt.timestamp);
    if (micros > Date.now() * 1000)
      throw new BasisNotReached(
        'asKnownAt',
        `asKnownAt ${asKnownAt.timestamp} has not come yet: a basis names a moment the ledger has reached`,
      );
    const head = (await this.store.head()).position;
    const last = await this.lastEventWhere(head, (event) => parseMicros(event.recordedAt) <= micros);
    if (last && last.globalPosition > this.head) await this.reached(last.globalPosition);
    return { position: last?.globalPosition ?? 0, recordedAt: last?.recordedAt ?? null, asked: asKnownAt.timestamp };
  }

  /** Resolves once the read models have reached `position` (the store holds it); 503 if they do not within BASIS_WAIT_MS. */
  private async reached(position: number): Promise<void> {
    if (!(await this.waitFor(position, BASIS_WAIT_MS))) throw new BasisNotProjected(position);
  }

  /** Whether the read models reach `position` within `ms` (at once when they are there already). */
  async waitFor(position: number, ms: number): Promise<boolean> {
    if (this.head >= position) return true;
    let timer: NodeJS.Timeout | undefined;
    const waiter = { position, resolve: () => undefined as void };
    const arrived = await new Promise<boolean>((resolve) => {
      waiter.resolve = () => resolve(true);
      this.waiting.push(waiter);
      timer = setTimeout(() => resolve(false), ms);
    });
    clearTimeout(timer);
    if (!arrived) this.waiting.splice(this.waiting.indexOf(waiter), 1);
    return arrived;
  }

  /** Who held authority, as known at the basis. */
  authority(basis: Basis): AuthorityAtBasis {
    return this.standing.authority(basis.position);
  }

  /** Bodies, successions, officer decisions and recommendations as known at the basis (meetings are folded per question). */
  register(basis: Basis): DecisionRegister {
    return this.standing.register(basis.position);
  }

  /** Where every fact of the fact logs comes from, as known at the basis (what `withProvenance` cites). */
  sources(basis: Basis): FactSources {
    return this.standing.sources(basis.position);
  }

  /** A register holding what the ledger knew of one body (record, memberships, lineage) at the basis. */
  bodyRegister(bodyId: string, basis: Basis): BodyRegister {
    return this.standing.bodyRegister(bodyId, basis.position);
  }

  /** The arrangements a body took part in (joint management, joint committees, partnerships…), as known at the basis. */
  arrangements(bodyId: string, basis: Basis): readonly ArrangementView[] {
    return this.standing.arrangements(bodyId, basis.position);
  }

  /**
   * The newest event at or before `bound` for which `holds` is true, where `holds` is true for a prefix of
   * the ledger (transaction time only grows). A binary search over positions through the store: a few
   * dozen one-event reads, whether positions are dense (SQLite) or not (KurrentDB).
   */
  private async lastEventWhere(bound: number, holds: (event: RecordedEvent) => boolean): Promise<RecordedEvent | undefined> {
    let found: RecordedEvent | undefined;
    let low = 1;
    let high = bound;
    while (low <= high) {
      // Try the top first: for the head and for a recent timestamp it is the answer.
      const probe = found === undefined && high === bound ? high : Math.floor((low + high) / 2);
      const [event] = await this.store.readAll(probe, 1);
      if (event && event.globalPosition <= high && holds(event)) {
        found = event;
        low = event.globalPosition + 1;
      } else {
        high = probe - 1;
      }
    }
    return found;
  }
}
