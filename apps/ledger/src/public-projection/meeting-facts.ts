import { LedgerFact } from '@ledger/governance';

/**
 * The facts of the meetings written together, indexed once: each meeting and decision row looks up the
 * facts of its own stream and the facts it cites, instead of going through every fact of the batch.
 */
export class MeetingFacts {
  readonly byId: ReadonlyMap<string, LedgerFact>;
  private readonly byStream = new Map<string, LedgerFact[]>();

  constructor(facts: readonly LedgerFact[] = []) {
    this.byId = new Map(facts.map((fact) => [fact.id, fact]));
    for (const fact of facts) {
      const stream = this.byStream.get(fact.stream);
      if (stream) stream.push(fact);
      else this.byStream.set(fact.stream, [fact]);
    }
  }

  /** The facts of one stream, in ledger order. */
  ofStream(stream: string): readonly LedgerFact[] {
    return this.byStream.get(stream) ?? [];
  }
}
