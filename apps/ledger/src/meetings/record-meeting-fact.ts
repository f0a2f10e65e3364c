import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
import { withCorrectionsApplied } from '@ledger/governance';
import { MeetingCommand } from '@ledger/governance/meetings/meeting.commands';
import {
  meetingBodiesNamedBy,
  meetingDecider,
  meetingParentLinesNamedBy,
  meetingReadsReorganisations,
  meetingsNamedBy,
  meetingStream,
  successorsFrom,
} from '@ledger/governance/meetings/meeting.decider';
import { ConvenedMeeting, MeetingState } from '@ledger/governance/meetings/meeting.state';
import { ReorganisationEvent } from '@ledger/governance/reorganisations/reorganisation.events';
import { Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { BodyDirectory } from '../recording/body-directory';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordMeetingFact {
  constructor(
    readonly command: MeetingCommand,
    readonly recording: Recording,
  ) {}
}

/** Officers of the meeting's bodies (or of their parents) and admins record what happened at a meeting. */
@CommandHandler(RecordMeetingFact)
export class RecordMeetingFactHandler implements ICommandHandler<RecordMeetingFact, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly directory: BodyDirectory,
    private readonly access: AccessPolicy,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ command, recording }: RecordMeetingFact): Promise<RecordedFacts> {
    const stream = meetingStream(command.data.meetingId);
    // Read once: the meeting names the bodies whose officers may record, and is the state decided on.
    const own = await this.writer.load(stream, meetingDecider);
    const bodyIds = meetingBodiesNamedBy(command, own.state.meeting);
    await this.access.assertMayRecordFor(recording.actor, bodyIds);
    const [bodies, meetings, successors] = await Promise.all([
      this.directory.load(bodyIds),
      this.meetings(meetingsNamedBy(command)),
      meetingReadsReorganisations(command) ? this.successors() : new Map<string, string[]>(),
    ]);
    // A call-in needs the lines of parents of the deciding body and of the bodies its members sit for.
    const lines = await Promise.all(
      meetingParentLinesNamedBy(command, own.state.meeting, bodies).map((bodyId) => this.directory.lineOfParents(bodyId)),
    );
    const parents = await this.directory.load(lines.flat().filter((bodyId) => !bodies.has(bodyId)));
    const events = meetingDecider.decide(command, { ...own.state, bodies: new Map([...parents, ...bodies]), meetings, successors });
    return this.writer.append(stream, events, own.revision, recording);
  }

  /** Successions from every reorganisation stream (reorganisations are few), each stream with its corrections applied. */
  private async successors(): Promise<Map<string, string[]>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const event of await this.store.readAll(0, undefined, { categories: ['reorganisation'] })) {
      streams.set(event.stream, [...(streams.get(event.stream) ?? []), event]);
    }
    const facts = [...streams.values()].flatMap((stream) => withCorrectionsApplied(stream) as unknown as ReorganisationEvent[]);
    return successorsFrom(facts);
  }

  private async meeting(meetingId: string): Promise<MeetingState> {
    return (await this.writer.load(meetingStream(meetingId), meetingDecider)).state.meeting;
  }

  private async meetings(meetingIds: string[]): Promise<Map<string, ConvenedMeeting>> {
    const known = new Map<string, ConvenedMeeting>();
    for (const meetingId of meetingIds) {
      const meeting = await this.meeting(meetingId);
      if (meeting.recorded) known.set(meetingId, meeting);
    }
    return known;
  }
}
