import { citedBy, Fact } from '../shared/cited';
import { ReorganisationEvent } from './reorganisation.events';
import { ReorganisationState } from './reorganisation.state';

/** The one fold of a reorganisation stream (one event: a reorganisation is recorded once). */
export function evolveReorganisation(_: ReorganisationState, event: Fact<ReorganisationEvent>): ReorganisationState {
  const { reorganisationId, legalDate } = event.data;
  const recorded = {
    recorded: true as const,
    reorganisationId,
    legalDate,
    eventId: event.id,
    position: event.position,
    citedEvents: citedBy(event),
  };
  switch (event.type) {
    case 'MergerRecorded': {
      const { predecessorBodyIds, successorBodyId, grantedDelegations } = event.data;
      const passes = { grantedDelegations: grantedDelegations ?? 'carry-over', functions: 'all' as const, areas: 'all' as const };
      return { ...recorded, kind: 'merger', endedBodyIds: predecessorBodyIds, successorBodyId, ...passes, instrument: null };
    }
    case 'TransferSchemeRecorded': {
      const { abolishedBodyIds, receivingBodyId, functions, areas, source } = event.data;
      const instrument = { kind: 'transfer-scheme' as const, reference: source.reference ?? source.title };
      const passes = { grantedDelegations: 'carry-over' as const, functions: functions ?? 'all', areas: areas ?? 'all' };
      return {
        ...recorded,
        kind: 'transfer-scheme',
        endedBodyIds: abolishedBodyIds,
        successorBodyId: receivingBodyId,
        ...passes,
        instrument,
      };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}
