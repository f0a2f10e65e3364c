import { Decider } from '../decider';
import { knownBody } from '../bodies/body.decider';
import { EstablishedBody, existedOn, KnownBodies } from '../bodies/body.state';
import { assertCivilDate, CivilDate, dayBefore } from '../shared/civil-date';
import { AlreadyRecorded, DomainError } from '../shared/domain-error';
import { ReorganisationCommand } from './reorganisation.commands';
import { ReorganisationEvent } from './reorganisation.events';
import { evolveReorganisation } from './reorganisation.evolve';
import { ReorganisationState } from './reorganisation.state';

export { evolveReorganisation } from './reorganisation.evolve';

export interface ReorganisationDecisionState {
  reorganisation: ReorganisationState;
  /** Every body the reorganisation names, loaded from their streams. */
  bodies: KnownBodies;
}

export const reorganisationStream = (reorganisationId: string) => `reorganisation-${reorganisationId}`;

export function reorganisationBodiesNamedBy(command: ReorganisationCommand): string[] {
  switch (command.type) {
    case 'RecordMerger':
      return [...command.data.predecessorBodyIds, command.data.successorBodyId];
    case 'RecordTransferScheme':
      return [...command.data.abolishedBodyIds, command.data.receivingBodyId];
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

type Command<Type extends ReorganisationCommand['type']> = Extract<ReorganisationCommand, { type: Type }>['data'];
type Decided = ReorganisationEvent[];

/**
 * Whether a body was already succeeded by another reorganisation is not checked here: that needs an
 * index over every reorganisation stream. It is recorded, and projections judge conflicting successions.
 */
function decide(command: ReorganisationCommand, { reorganisation, bodies }: ReorganisationDecisionState): Decided {
  if (reorganisation.recorded) throw new AlreadyRecorded('reorganisation', command.data.reorganisationId);
  assertCivilDate('legalDate', command.data.legalDate);
  switch (command.type) {
    case 'RecordMerger':
      return recordMerger(command.data, bodies);
    case 'RecordTransferScheme':
      return recordTransferScheme(command.data, bodies);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function recordMerger(data: Command<'RecordMerger'>, bodies: KnownBodies): Decided {
  const { predecessorBodyIds, successorBodyId, legalDate } = data;
  if (predecessorBodyIds.length === 0) throw new DomainError('merger-needs-predecessors', 'a merger names at least one predecessor body');
  assertDistinct(predecessorBodyIds);
  if (predecessorBodyIds.includes(successorBodyId)) {
    if (predecessorBodyIds.length === 1) {
      throw new DomainError(
        'rename-is-not-succession',
        `${successorBodyId} cannot succeed itself: a change of name or code is a rename, not a merger`,
      );
    }
    throw new DomainError(
      'successor-among-predecessors',
      `${successorBodyId} cannot be both a predecessor and the successor: the successor starts on the legal date`,
    );
  }
  const successor = knownBody(bodies, successorBodyId);
  const predecessors = predecessorBodyIds.map((bodyId) => knownBody(bodies, bodyId));
  if (successor.established !== legalDate) {
    throw new DomainError(
      'successor-not-established-on-legal-date',
      `successor ${successorBodyId} is recorded as established on ${successor.established}, not on the legal date ${legalDate}`,
    );
  }
  predecessors.forEach((body) => assertEndsOn(body, 'predecessor', legalDate));
  const grantedDelegations = data.grantedDelegations ?? 'carry-over';
  return [{ type: 'MergerRecorded', data: { ...data, predecessorBodyIds: [...predecessorBodyIds], grantedDelegations } }];
}

function recordTransferScheme(data: Command<'RecordTransferScheme'>, bodies: KnownBodies): Decided {
  const { abolishedBodyIds, receivingBodyId, legalDate, functions, areas } = data;
  if (abolishedBodyIds.length === 0)
    throw new DomainError('transfer-scheme-needs-abolished-bodies', 'a transfer scheme names at least one abolished body');
  assertDistinct(abolishedBodyIds);
  if (abolishedBodyIds.includes(receivingBodyId)) {
    throw new DomainError('receiving-body-abolished', `${receivingBodyId} cannot receive a transfer from its own abolition`);
  }
  if (functions?.length === 0 || areas?.length === 0) {
    throw new DomainError('empty-transfer', 'functions and areas, when given, name at least one each; leave them out to transfer all');
  }
  const receiving = knownBody(bodies, receivingBodyId);
  const abolished = abolishedBodyIds.map((bodyId) => knownBody(bodies, bodyId));
  if (!existedOn(receiving, legalDate)) {
    throw new DomainError(
      'receiving-body-not-in-existence',
      `receiving body ${receivingBodyId} did not exist on the legal date ${legalDate}`,
    );
  }
  abolished.forEach((body) => assertEndsOn(body, 'abolished body', legalDate));
  const transferred = { functions: functions ? [...functions] : ('all' as const), areas: areas ? [...areas] : ('all' as const) };
  return [{ type: 'TransferSchemeRecorded', data: { ...data, abolishedBodyIds: [...abolishedBodyIds], ...transferred } }];
}

function evolve(state: ReorganisationDecisionState, event: ReorganisationEvent): ReorganisationDecisionState {
  return { ...state, reorganisation: evolveReorganisation(state.reorganisation, event) };
}

export const reorganisationDecider: Decider<ReorganisationCommand, ReorganisationDecisionState, ReorganisationEvent> = {
  decide,
  evolve,
  initialState: () => ({ reorganisation: { recorded: false }, bodies: new Map() }),
};

function assertDistinct(bodyIds: string[]): void {
  const repeated = bodyIds.find((bodyId, index) => bodyIds.indexOf(bodyId) !== index);
  if (repeated) throw new DomainError('duplicate-body', `${repeated} is named twice`);
}

/** A body the reorganisation ends must exist the day before the legal date and not be recorded as lasting beyond it. */
function assertEndsOn(body: EstablishedBody, role: 'predecessor' | 'abolished body', legalDate: CivilDate): void {
  const lastDay = dayBefore(legalDate);
  if (!existedOn(body, lastDay)) {
    const rule = role === 'predecessor' ? 'predecessor-not-in-existence' : 'abolished-body-not-in-existence';
    throw new DomainError(rule, `${role} ${body.bodyId} did not exist on ${lastDay}, the day before the legal date ${legalDate}`);
  }
  if (body.dissolved && body.dissolved > legalDate) {
    throw new DomainError(
      'outlives-reorganisation',
      `${role} ${body.bodyId} is recorded as dissolved on ${body.dissolved}, after the legal date ${legalDate}; correct the dissolution first`,
      409,
    );
  }
}
