import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MeetingCommand } from '@ledger/governance/meetings/meeting.commands';
import { meetingBodiesNamedBy, meetingDecider, meetingsNamedBy, meetingStream } from '@ledger/governance/meetings/meeting.decider';
import { ConvenedMeeting, MeetingState } from '@ledger/governance/meetings/meeting.state';
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
  ) {}

  async execute({ command, recording }: RecordMeetingFact): Promise<RecordedFacts> {
    const stream = meetingStream(command.data.meetingId);
    // Read once: the meeting names the bodies whose officers may record, and is the state decided on.
    const own = await this.writer.load(stream, meetingDecider);
    const bodyIds = meetingBodiesNamedBy(command, own.state.meeting);
    await this.access.assertMayRecordFor(recording.actor, bodyIds);
    const [bodies, meetings] = await Promise.all([this.directory.load(bodyIds), this.meetings(meetingsNamedBy(command))]);
    const events = meetingDecider.decide(command, { ...own.state, bodies, meetings });
    return this.writer.append(stream, events, own.revision, recording);
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
