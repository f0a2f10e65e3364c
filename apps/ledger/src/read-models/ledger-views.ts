import { Inject, Injectable } from '@nestjs/common';
import type { BodyRegister, LedgerFact } from '@ledger/governance';
import { EVENT_STORE, EventStore, parseMicros, RecordedEvent } from '@ledger/event-store';
import { StandingAnswers, AuthorityAtBasis } from './standing-answers';
import { Basis, parseAsKnownAt } from './basis';

/** A view computed from the facts of its projection; built once per distinct basis and kept. */
export interface ViewDefinition<Model> {
  projection: string;
  build(facts: readonly LedgerFact[]): Model;
}

const MODELS_KEPT = 16;

/** The projection whose facts authority answers come from (FACT_LOGS in projection-runner.ts). */
export const AUTHORITY_PROJECTION = 'authority';

/**
 * The facts every fact log holds, in memory and in position order, and the views built from them, and
 * the basis of every read. A view "as known at P" is built from the facts up to P; since facts are only
 * ever added, the same basis always gives the same answer, however much is recorded later.
 */
@Injectable()
export class LedgerViews {
  private readonly facts = new Map<string, LedgerFact[]>();
  private readonly models = new Map<string, Map<number, unknown>>();
  private head = 0;
  /** Transaction time of the event at `head`; undefined until looked up. */
  private headRecordedAt: string | null | undefined = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Authority at any basis, from the facts of the authority projection, without building a view per basis. */
  private readonly standingAnswers = new StandingAnswers();

  reset(projection: string, facts: LedgerFact[]): void {
    this.facts.set(projection, facts);
    this.models.delete(projection);
    if (projection === AUTHORITY_PROJECTION) this.standingAnswers.reset(facts);
  }

  add(projection: string, added: readonly LedgerFact[]): void {
    if (added.length === 0) return;
    if (projection === AUTHORITY_PROJECTION) this.standingAnswers.add(added);
    const facts = this.facts.get(projection) ?? [];
    facts.push(...added);
    this.facts.set(projection, facts);
  }

  /** Every projection has seen the ledger up to `position`, whose event was recorded at `recordedAt` (when known). */
  advanceTo(position: number, recordedAt?: string | null): void {
    if (position < this.head) return;
    if (position > this.head || recordedAt !== undefined) this.headRecordedAt = position === 0 ? null : recordedAt;
    this.head = position;
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
      const position = Math.min(asKnownAt.position, this.head);
      const last = await this.lastEventWhere(position, () => true);
      return { position, recordedAt: last?.recordedAt ?? null, asked: String(asKnownAt.position) };
    }
    // A timestamp: the ledger as it stood after the last event recorded at or before it.
    const micros = parseMicros(asKnownAt.timestamp);
    const last = await this.lastEventWhere(this.head, (event) => parseMicros(event.recordedAt) <= micros);
    return { position: last?.globalPosition ?? 0, recordedAt: last?.recordedAt ?? null, asked: asKnownAt.timestamp };
  }

  /** Who held authority, as known at the basis. */
  authority(basis: Basis): AuthorityAtBasis {
    return this.standingAnswers.at(basis.position);
  }

  /** A register holding what the ledger knew of one body (record, memberships, lineage) at the basis. */
  bodyRegister(bodyId: string, basis: Basis): BodyRegister {
    return this.standingAnswers.bodyRegister(bodyId, basis.position);
  }

  view<Model>(definition: ViewDefinition<Model>, basis: Basis): Model {
    const facts = this.facts.get(definition.projection) ?? [];
    const count = lastIndexWhere(facts, (fact) => fact.position <= basis.position) + 1;
    let models = this.models.get(definition.projection);
    if (!models) this.models.set(definition.projection, (models = new Map()));
    const kept = models.get(count);
    if (kept !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      models.delete(count);
      models.set(count, kept);
      return kept as Model;
    }
    // A copy: the live array grows, and a model must never see facts past its basis.
    const model = definition.build(facts.slice(0, count));
    models.set(count, model);
    if (models.size > MODELS_KEPT) models.delete(models.keys().next().value as number);
    return model;
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

/** Binary search over facts sorted so that `holds` is true for a prefix. */
function lastIndexWhere(facts: readonly LedgerFact[], holds: (fact: LedgerFact) => boolean): number {
  let low = 0;
  let high = facts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (holds(facts[middle])) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
