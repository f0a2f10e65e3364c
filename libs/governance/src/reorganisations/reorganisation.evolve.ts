import { citedBy, Fact } from '../shared/cited';
import { ReorganisationEvent } from './reorganisation.events';
import { ReorganisationState } from './reorganisation.state';

/** The one fold of a reorganisation stream (one event: a reorganisation is recorded once). */
export function evolveReorganisation(_: ReorganisationState, event: Fact<ReorganisationEvent>): ReorganisationState {
  const { id: eventId, position } = event;
  const citedEvents = citedBy(event);
  switch (event.type) {
    case 'MergerRecorded': {
      const { reorganisationId, legalDate, predecessorBodyIds, successorBodyId, grantedDelegations } = event.data;
      return {
        recorded: true,
        reorganisationId,
        kind: 'merger',
        legalDate,
        endedBodyIds: predecessorBodyIds,
        successorBodyId,
        grantedDelegations: grantedDelegations ?? 'carry-over',
        functions: 'all',
        areas: 'all',
        instrument: null,
        eventId,
        position,
        citedEvents,
      };
    }
    case 'TransferSchemeRecorded': {
      const { reorganisationId, legalDate, abolishedBodyIds, receivingBodyId, functions, areas, source } = event.data;
      return {
        recorded: true,
        reorganisationId,
        kind: 'transfer-scheme',
        legalDate,
        endedBodyIds: abolishedBodyIds,
        successorBodyId: receivingBodyId,
        grantedDelegations: 'carry-over',
        functions: functions ?? 'all',
        areas: areas ?? 'all',
        instrument: { kind: 'transfer-scheme', reference: source.reference ?? source.title },
        eventId,
        position,
        citedEvents,
      };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}
