import { streamCategory } from '@ledger/event-store';
import type { LedgerFact } from '@ledger/governance';
import { namedBy } from './named-by';

/**
 * The facts an authority answer can rest on, kept as they arrive, so that an answer at any basis is
 * worked out from those facts alone instead of from the whole ledger (see StandingAnswers).
 *
 * For a (function, area), the timeline reads (authority-chains.ts): the holdings and delegations naming
 * the function and the area, the bodies they name (their names and ends), the reorganisations ending
 * those bodies and the bodies those pass to, and the parent delegations of the delegations read. The
 * streams here are a superset of those: a stream is taken whole, and named by whatever its facts name
 * (corrections included), as their aggregates declare it (`Aggregate.names`). A fact only ever adds
 * names, so the streams taken at the head include those an answer at any earlier basis rests on: the
 * facts of those streams up to the basis give the same model for that question as all facts up to the
 * basis do.
 */
export class AuthoritySources {
  private readonly streams = new Map<string, StreamTerms>();
  /** Body and delegation streams, by a function (an area) they name under `functions` (`areas`). */
  private readonly byFunction = new Map<string, Set<StreamTerms>>();
  private readonly byArea = new Map<string, Set<StreamTerms>>();
  /** Body streams by the body id they record (`bodyId`): the body, and holdings assigned to it. */
  private readonly bodyStreams = new Map<string, Set<StreamTerms>>();
  /** Reorganisation streams by any body they name. */
  private readonly reorganisationsNaming = new Map<string, Set<StreamTerms>>();
  /** Body and delegation streams by any other body their facts name (a seat's principal, a parent, a delegator or delegate). */
  private readonly streamsNaming = new Map<string, Set<StreamTerms>>();
  /** Delegation streams by the delegation id they record. */
  private readonly delegationStreams = new Map<string, Set<StreamTerms>>();
  private facts = 0;
  private readonly closures = new Map<string, { facts: number; sources: Sources }>();

  constructor(initial: readonly LedgerFact[] = []) {
    for (const fact of initial) this.add(fact);
  }

  /** Facts arrive in position order. */
  add(fact: LedgerFact): void {
    const kind = streamCategory(fact.stream);
    if (kind !== 'body' && kind !== 'delegation' && kind !== 'reorganisation') return;
    let terms = this.streams.get(fact.stream);
    if (!terms) this.streams.set(fact.stream, (terms = { stream: fact.stream, kind, facts: [], order: this.streams.size }));
    const named = namedBy(fact, terms.facts);
    terms.facts.push(fact);
    this.facts++;
    // Holdings and delegations name the pairs they cover; a transfer's are reached through the bodies it names.
    if (kind !== 'reorganisation') {
      for (const fn of named.functions) index(this.byFunction, fn, terms);
      for (const area of named.areas) index(this.byArea, area, terms);
    }
    // A body's own record reads no other body's: not its parent's, nor its members' principals'.
    for (const bodyId of kind === 'body' ? named.ofBody : named.bodies) {
      if (kind === 'body') index(this.bodyStreams, bodyId, terms);
      if (kind === 'reorganisation') index(this.reorganisationsNaming, bodyId, terms);
      (terms.bodies ??= new Set()).add(bodyId);
    }
    if (kind !== 'reorganisation') {
      for (const bodyId of named.bodies) {
        index(this.streamsNaming, bodyId, terms);
        (terms.naming ??= new Set()).add(bodyId);
      }
    }
    for (const delegationId of named.ofDelegation) index(this.delegationStreams, delegationId, terms);
    for (const delegationId of [...named.ofDelegation, ...named.delegations]) (terms.delegations ??= new Set()).add(delegationId);
  }

  /** Every function and area some holding or delegation has named: the pairs a body's authority can be in. */
  pairsNamed(): { functions: string[]; areas: string[] } {
    return { functions: [...this.byFunction.keys()], areas: [...this.byArea.keys()] };
  }

  /** What the (function, area) timeline can rest on, as known now. */
  forPair(fn: string, area: string): Sources {
    return this.closure(`pair ${fn} ${area}`, () => {
      const inArea = this.byArea.get(area);
      return [...(this.byFunction.get(fn) ?? [])].filter((terms) => inArea?.has(terms));
    });
  }

  /**
   * What a body's record and lineage rest on: its stream, the reorganisations naming it, and so on
   * through the bodies those name (a lineage is followed to its ends); delegations are not followed.
   */
  forBody(bodyId: string): Sources {
    return this.closure(
      `body ${bodyId}`,
      // A lineage can name a body that has no stream of its own.
      () => [...(this.bodyStreams.get(bodyId) ?? []), ...(this.reorganisationsNaming.get(bodyId) ?? [])],
      false,
    );
  }

  /**
   * What a body's arrangements rest on: the body and delegation streams naming it (an arrangement's seats
   * held on its behalf, its delegations), the bodies those name (the other parties), each such body's
   * stream and the reorganisations naming it (which can end it). Lineages are not followed further.
   */
  forArrangements(bodyId: string): Sources {
    const key = `arrangements ${bodyId}`;
    const kept = this.closures.get(key);
    if (kept && kept.facts === this.facts) return kept.sources;
    const naming = [...(this.streamsNaming.get(bodyId) ?? [])];
    const taken = new Set<StreamTerms>(naming);
    const bodies = new Set<string>([bodyId]);
    for (const terms of naming) for (const named of [...(terms.bodies ?? []), ...(terms.naming ?? [])]) bodies.add(named);
    for (const named of bodies) {
      for (const terms of this.bodyStreams.get(named) ?? []) taken.add(terms);
      for (const terms of this.reorganisationsNaming.get(named) ?? []) taken.add(terms);
    }
    return this.keep(key, taken, bodies);
  }

  private closure(key: string, seeds: () => StreamTerms[], follow = true): Sources {
    const kept = this.closures.get(key);
    if (kept && kept.facts === this.facts) return kept.sources;
    const taken = new Set<StreamTerms>();
    const bodies = new Set<string>();
    const delegations = new Set<string>();
    const queue: StreamTerms[] = [];
    const take = (terms: StreamTerms) => {
      if (taken.has(terms)) return;
      taken.add(terms);
      queue.push(terms);
    };
    const needBody = (bodyId: string) => {
      if (bodies.has(bodyId)) return;
      bodies.add(bodyId);
      for (const terms of this.bodyStreams.get(bodyId) ?? []) take(terms);
      for (const terms of this.reorganisationsNaming.get(bodyId) ?? []) take(terms);
    };
    for (const terms of seeds()) take(terms);
    while (queue.length > 0) {
      const terms = queue.pop() as StreamTerms;
      // A body stream's `bodies` are those it records (not its parent or its members' principals, which its record does not read).
      if (follow || terms.kind !== 'delegation') for (const bodyId of terms.bodies ?? []) needBody(bodyId);
      if (!follow) continue;
      for (const delegationId of terms.delegations ?? []) {
        if (delegations.has(delegationId)) continue;
        delegations.add(delegationId);
        for (const parent of this.delegationStreams.get(delegationId) ?? []) take(parent);
      }
    }
    return this.keep(key, taken, bodies);
  }

  /** The facts of the streams taken, in position order, kept for the question until another fact arrives. */
  private keep(key: string, taken: ReadonlySet<StreamTerms>, bodies: ReadonlySet<string>): Sources {
    // Nothing to keep for a question naming nothing recorded (and the names asked about are the client's).
    if (taken.size === 0) return { facts: [], bodies };
    const facts = [...taken].sort((a, b) => a.order - b.order).flatMap((terms) => terms.facts);
    facts.sort((a, b) => a.position - b.position);
    const sources: Sources = { facts, bodies };
    this.closures.set(key, { facts: this.facts, sources });
    return sources;
  }
}

/** Facts (in position order) a question can rest on, and the bodies it can name. */
export interface Sources {
  readonly facts: readonly LedgerFact[];
  readonly bodies: ReadonlySet<string>;
}

/** The newest position among `facts` (sorted) at or before `position`; 0 when there is none. */
export function lastPositionAtOrBefore(facts: readonly LedgerFact[], position: number): { position: number; count: number } {
  let low = 0;
  let high = facts.length - 1;
  let count = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (facts[middle].position <= position) {
      count = middle + 1;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return { position: count === 0 ? 0 : facts[count - 1].position, count };
}

type StreamKind = 'body' | 'delegation' | 'reorganisation';

interface StreamTerms {
  stream: string;
  kind: StreamKind;
  /** In position order. */
  facts: LedgerFact[];
  /** Order of first fact, which the model's maps follow. */
  order: number;
  bodies?: Set<string>;
  /** The other bodies a body or delegation stream's facts name (`Named.bodies`). */
  naming?: Set<string>;
  delegations?: Set<string>;
}

function index(map: Map<string, Set<StreamTerms>>, key: string, terms: StreamTerms): void {
  let streams = map.get(key);
  if (!streams) map.set(key, (streams = new Set()));
  streams.add(terms);
}
