import { KnownBodies } from '../bodies/body.state';
import { CivilDate } from '../shared/civil-date';
import { ReorganisationEvent } from '../reorganisations/reorganisation.events';
import { MeetingCommand } from './meeting.commands';
import { transitiveSuccessors } from './meeting-rules';
import { evolveReorganisation } from '../reorganisations/reorganisation.evolve';
import { successionsOf } from '../reorganisations/reorganisation.state';
import { KnownMeetings, MeetingState } from './meeting.state';

/**
 * What the meeting decider needs besides the meeting's own stream, and how the handler finds it. Each
 * function is pure: it names what to load; the handler loads it into `MeetingDecisionState`.
 */
export interface MeetingContext {
  /**
   * The meeting's bodies with their memberships (`meetingBodiesNamedBy`), plus, for a call-in, every body
   * on the parent lines of `meetingParentLinesNamedBy`. From the `body-<id>` streams.
   */
  bodies: KnownBodies;
  /** Earlier meetings whose minutes the command approves (`meetingsNamedBy`), from their `meeting-<id>` streams. */
  meetings: KnownMeetings;
  /**
   * bodyId → every body that succeeded it, transitively (`successorsFrom`), when `meetingReadsReorganisations`:
   * from the `reorganisation-*` streams, corrections applied.
   */
  successors: ReadonlyMap<string, readonly string[]>;
  /** The civil date (Europe/London) the command is recorded on; a meeting is recorded once held. */
  today?: CivilDate;
}

/** The bodies the handler loads (with their memberships) before deciding: the convened ones, or the meeting's own. */
export function meetingBodiesNamedBy(command: MeetingCommand, meeting: MeetingState): string[] {
  if (command.type === 'ConveneMeeting') return command.data.bodies.map((body) => body.bodyId);
  return meeting.recorded ? meeting.bodies.map((body) => body.bodyId) : [];
}

/** Other meetings the handler loads before deciding. */
export function meetingsNamedBy(command: MeetingCommand): string[] {
  return command.type === 'ApproveMinutes' ? [command.data.minutesOfMeetingId] : [];
}

/**
 * Bodies whose line of parents (`parentBodyId`, transitively) the handler adds to `bodies`, once the
 * meeting's bodies are loaded: a call-in applies to a local authority's decisions, so the decider needs
 * to see whether the deciding body, or a body its members sit for, is (part of) a local authority.
 */
export function meetingParentLinesNamedBy(command: MeetingCommand, meeting: MeetingState, bodies: KnownBodies): string[] {
  if (command.type !== 'CallIn' || !meeting.recorded) return [];
  const named = meeting.bodies
    .map((body) => body.bodyId)
    .filter((bodyId) => command.data.bodyId === undefined || command.data.bodyId === bodyId);
  const sittingFor = named.flatMap((bodyId) =>
    Object.values(bodies.get(bodyId)?.memberships ?? {}).flatMap((membership) => membership.onBehalfOfBodyId ?? []),
  );
  return [...new Set([...named, ...sittingFor])];
}

/** Whether the handler loads the successions (`successors`): only to approve minutes, which a successor body may do. */
export function meetingReadsReorganisations(command: MeetingCommand): boolean {
  return command.type === 'ApproveMinutes';
}

/** bodyId → its successors, transitively, from reorganisation facts as they stand (corrections applied). */
export function successorsFrom(events: readonly ReorganisationEvent[]): Map<string, string[]> {
  return transitiveSuccessors(
    events.flatMap((event) => {
      const reorganisation = evolveReorganisation({ recorded: false }, event);
      return reorganisation.recorded ? successionsOf(reorganisation) : [];
    }),
  );
}
