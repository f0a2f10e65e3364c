/** What a recorded thing rests on: the ids of its events and of the corrections that changed them. A finding citing it cites these. */
export interface Cited {
  citedEvents: string[];
}

/**
 * Where a fact stands in the ledger, as far as the one folding it knows: its event id, its position in
 * the ledger's order, and the events it rests on (its own id, then the corrections that changed it). The
 * read side knows all three; the write side folds the events of a stream with their ids alone.
 */
export interface FactOrigin {
  id?: string;
  position?: number;
  citedEvents?: string[];
}

/** An event as a fold takes it: with whatever of its origin the reader has. */
export type Fact<Event> = Event & FactOrigin;

const UNCITED: string[] = Object.freeze([]) as unknown as string[];

/** The events a fact rests on; none where the one folding it does not track them. Shared, never to be changed. */
export function citedBy(fact: FactOrigin): string[] {
  return fact.citedEvents ?? UNCITED;
}

/** Event ids in first-cited order, each once. */
export function citing(...groups: readonly (readonly string[])[]): string[] {
  return [...new Set(groups.flat())];
}
