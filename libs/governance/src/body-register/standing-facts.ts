import { CorrectionEvent, withCorrectionsApplied } from '../corrections/correction';
import { DomainEvent } from '../decider';
import { LedgerFact } from '../projections/ledger-fact';

export { citing } from '../shared/cited';

/**
 * A fact as it stands after its stream's corrections, with the events it rests on: its own id, then
 * the corrections that changed it. A finding that uses the fact cites all of them.
 */
export type StandingFact<Event extends DomainEvent = DomainEvent> = Event & {
  id: string;
  position: number;
  citedEvents: string[];
};

/**
 * The streams whose names start with `prefix` (`meeting-`, `body-`…), each in ledger order with its
 * corrections applied. Streams are returned in the order of their first fact, so the result depends only
 * on the facts given.
 */
export function standingStreams<Event extends DomainEvent>(facts: readonly LedgerFact[], prefix: string): StandingFact<Event>[][] {
  const streams = new Map<string, LedgerFact[]>();
  for (const fact of [...facts].sort((a, b) => a.position - b.position)) {
    if (!fact.stream.startsWith(prefix)) continue;
    const stream = streams.get(fact.stream) ?? [];
    stream.push(fact);
    streams.set(fact.stream, stream);
  }
  return [...streams.values()].map((stream) => standing<Event>(stream));
}

function standing<Event extends DomainEvent>(stream: readonly LedgerFact[]): StandingFact<Event>[] {
  const correctedBy = new Map<string, string[]>();
  for (const fact of stream) {
    if (fact.type !== 'FactCorrected') continue;
    const { correctedEventId, changes } = fact.data as CorrectionEvent['data'];
    if (changes) correctedBy.set(correctedEventId, [...(correctedBy.get(correctedEventId) ?? []), fact.id]);
  }
  return withCorrectionsApplied(stream).map(
    (fact) =>
      ({
        type: fact.type,
        data: fact.data,
        id: fact.id,
        position: fact.position,
        citedEvents: [fact.id, ...(correctedBy.get(fact.id) ?? [])],
      }) as StandingFact<Event>,
  );
}
