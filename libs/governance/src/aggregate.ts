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
