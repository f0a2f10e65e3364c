import { Injectable } from '@nestjs/common';
import type { LedgerFact } from '@ledger/governance/projections/ledger-fact';
import { parseMicros } from '@ledger/event-store';
import { Basis, parseAsKnownAt } from './basis';

/** A view computed from the facts of its projection; built once per distinct basis and kept. */
export interface ViewDefinition<Model> {
  projection: string;
  build(facts: readonly LedgerFact[]): Model;
}

const MODELS_KEPT = 16;

/**
 * The facts every projection holds, in memory and in position order, and the views built from them.
 * A view "as known at P" is built from the facts up to P; since facts are only ever added, the same
 * basis always gives the same answer, however much is recorded later.
 */
@Injectable()
export class LedgerViews {
  private readonly facts = new Map<string, LedgerFact[]>();
  private readonly models = new Map<string, Map<number, unknown>>();
  private head = 0;
  private headRecordedAt: string | null = null;

  reset(projection: string, facts: LedgerFact[]): void {
    this.facts.set(projection, facts);
    this.models.delete(projection);
    for (const fact of facts) this.observe(fact);
  }

  add(projection: string, added: readonly LedgerFact[]): void {
    if (added.length === 0) return;
    const facts = this.facts.get(projection) ?? [];
    facts.push(...added);
    this.facts.set(projection, facts);
    for (const fact of added) this.observe(fact);
  }

  /** The views have seen the ledger up to here (a projection checkpoint, which may be past the last fact). */
  advanceTo(position: number): void {
    this.head = Math.max(this.head, position);
  }

  get position(): number {
    return this.head;
  }

  /** The basis of a read: `asKnownAt` as a client gives it (a position, an ISO timestamp, or nothing for the head). */
  basis(asked?: string): Basis {
    const asKnownAt = parseAsKnownAt(asked);
    if (asKnownAt === 'head') return { position: this.head, recordedAt: this.headRecordedAt, asked: null };
    if ('position' in asKnownAt) {
      const position = Math.min(asKnownAt.position, this.head);
      return { position, recordedAt: this.lastFactAtOrBefore(position)?.recordedAt ?? null, asked: String(asKnownAt.position) };
    }
    // A timestamp: the ledger as it stood after the last fact recorded at or before it.
    const micros = parseMicros(asKnownAt.timestamp);
    let last: LedgerFact | undefined;
    for (const facts of this.facts.values()) {
      const index = lastIndexWhere(facts, (fact) => parseMicros(fact.recordedAt) <= micros);
      if (index >= 0 && (!last || facts[index].position > last.position)) last = facts[index];
    }
    const position = micros >= parseMicros(this.headRecordedAt ?? '1970-01-01T00:00:00Z') ? this.head : (last?.position ?? 0);
    return { position, recordedAt: last?.recordedAt ?? null, asked: asKnownAt.timestamp };
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

  private observe(fact: LedgerFact): void {
    if (fact.position >= this.head) {
      this.head = fact.position;
      this.headRecordedAt = fact.recordedAt;
    }
  }

  private lastFactAtOrBefore(position: number): LedgerFact | undefined {
    let last: LedgerFact | undefined;
    for (const facts of this.facts.values()) {
      const index = lastIndexWhere(facts, (fact) => fact.position <= position);
      if (index >= 0 && (!last || facts[index].position > last.position)) last = facts[index];
    }
    return last;
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
