import { streamCategory } from '@ledger/event-store';
import {
  AnyAggregate,
  bodyAggregate,
  CorrectionEvent,
  delegationAggregate,
  LedgerFact,
  meetingAggregate,
  Named,
  officerDecisionAggregate,
  recommendationAggregate,
  reorganisationAggregate,
} from '@ledger/governance';

const AGGREGATES = new Map<string, AnyAggregate>(
  [bodyAggregate, delegationAggregate, reorganisationAggregate, meetingAggregate, officerDecisionAggregate, recommendationAggregate].map(
    (aggregate) => [aggregate.category, aggregate],
  ),
);

/** What a fact names, each part a list of ids (see `Named`). */
export type NamedIds = { [Part in keyof Named]-?: string[] };

/**
 * What a fact names, as the aggregate of its stream declares it. A correction names what the fact it
 * corrects names once corrected (`earlier`: the facts of its stream before it); the fact's own names
 * were taken when it came, so a stream's names only ever grow.
 */
export function namedBy(fact: LedgerFact, earlier: readonly LedgerFact[]): NamedIds {
  const aggregate = AGGREGATES.get(streamCategory(fact.stream));
  let named: Named = {};
  if (aggregate && fact.type !== 'FactCorrected') {
    named = aggregate.names(fact);
  } else if (aggregate) {
    const { correctedEventId, changes } = fact.data as CorrectionEvent['data'];
    const corrected = changes && earlier.find((one) => one.id === correctedEventId);
    if (corrected) named = aggregate.names({ type: corrected.type, data: { ...(corrected.data as object), ...changes } });
  }
  return {
    ofBody: ids(named.ofBody),
    ofDelegation: ids(named.ofDelegation),
    bodies: ids(named.bodies),
    delegations: ids(named.delegations),
    functions: ids(named.functions),
    areas: ids(named.areas),
  };
}

/** The ids given, as a list (a recorded value is only ever a string or a list of them; anything else names nothing). */
function ids(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
