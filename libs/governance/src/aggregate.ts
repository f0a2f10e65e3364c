import type { KnownBodies } from './bodies/body.state';
import { Decider, DomainEvent } from './decider';
import type { CivilDate } from './shared/civil-date';
import type { GrantedDelegation } from './delegations/delegation.state';
import type { KnownMeetings } from './meetings/meeting.state';

/** A command as every decider takes it: a discriminated union on `type`, its fields in `data`. */
export interface DomainCommand<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** Streams a decision reads besides its own, by what they hold. */
export interface Reads {
  bodies?: readonly string[];
  meetings?: readonly string[];
  delegations?: readonly string[];
  /** Bodies whose whole line of parents (`parentBodyId`, transitively) is also read, once `bodies` are known. */
  parentLinesOf?: (bodies: KnownBodies) => readonly string[];
  /** Whether the successions recorded by reorganisations are read (they are few). */
  successions?: boolean;
}

/** What those streams held when the decision was taken, folded with their corrections applied. */
export interface DecisionContext {
  bodies: KnownBodies;
  meetings: KnownMeetings;
  delegations: ReadonlyMap<string, GrantedDelegation>;
  /** bodyId → every body that succeeded it, transitively; empty unless `successions` was read. */
  successors: ReadonlyMap<string, readonly string[]>;
  /** The civil date (Europe/London) the decision is taken on. */
  today: CivilDate;
}

/**
 * What one of an aggregate's events names of the standing structure: the read side finds the facts a
 * question rests on (authority for a function in an area, a body's record and lineage) by these, so it
 * need not guess from field names. A correction's changes are read as the corrected event's data.
 */
export interface Named {
  /** The body whose own record the event is part of (a body stream's body, by the id its data gives). */
  ofBody?: string;
  /** The delegation whose own record the event is part of. */
  ofDelegation?: string;
  /** The other bodies it names: a parent, a delegator and delegate, a merger's predecessors and successor… */
  bodies?: readonly string[];
  /** The other delegations it names: a sub-delegation's parent, the delegation an officer relied on. */
  delegations?: readonly string[];
  /** The functions and areas it concerns. */
  functions?: readonly string[];
  areas?: readonly string[];
}

/**
 * Everything the write pipeline needs to know of one kind of stream, so a single handler can authorise,
 * load, decide and append every command, and re-judge a correction of any fact through the same rules.
 */
export interface Aggregate<Command extends DomainCommand, State, Event extends DomainEvent> {
  /** The stream category (`body` for `body-<id>`): how a correction finds the aggregate of a stream. */
  category: string;
  decider: Decider<Command, State, Event>;
  streamOf(command: Command): string;
  /** The other streams the decision reads, given the stream's own state. */
  reads(command: Command, state: State): Reads;
  /** The bodies whose officers may record the command (none: only an admin may). */
  recordedFor(command: Command, state: State): string[];
  /** The state decided on: the stream's own, with what the other streams held. */
  withContext(state: State, context: DecisionContext, command: Command): State;
  /**
   * The command that recorded a stored event (its derived fields left out). A correction changes the
   * event's data; the corrected history is then judged by deciding these commands again.
   */
  commandRecording(event: Event): Command;
  /** What the event names of bodies, delegations, functions and areas (see Named). */
  names(event: Event): Named;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregate = Aggregate<any, any, any>;

/** The command type that records each event type, for aggregates whose events keep their command's data. */
export function commandsRecording<Command extends DomainCommand, Event extends DomainEvent>(
  recordedBy: { [Type in Event['type']]: Command['type'] },
  dataOf: (event: Event) => unknown = (event) => event.data,
): (event: Event) => Command {
  const table = new Map<string, string>(Object.entries(recordedBy));
  return (event) => {
    const type = table.get(event.type);
    if (!type) throw new Error(`no command records ${event.type}`);
    return { type, data: dataOf(event) } as Command;
  };
}
