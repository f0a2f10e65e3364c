import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { MeetingRecordView, MeetingSummary } from '@ledger/governance';
import type { Request, Response } from 'express';
import { MeetingQueries } from '../../meetings/meeting-queries';
import { minutesApproval, minutesPage, minutesPath } from './minutes-pages';
import { meetingOrNotFound } from '../workspace-pages-support';
import { commandIdOf } from '../workspace-forms';
import { signedInAs } from '../workspace-pages';
import { WorkspaceGate } from '../workspace-gate';
import { WorkspaceRecorder } from '../workspace-recorder';

/** Minutes approval: at this meeting, the minutes of an earlier meeting of the same body, with amendments (ApproveMinutes). */
@ApiExcludeController()
@Controller('workspace/meetings/:meeting/minutes')
export class WorkspaceMinutesController {
  constructor(
    private readonly gate: WorkspaceGate,
    private readonly recorder: WorkspaceRecorder,
    private readonly meetings: MeetingQueries,
  ) {}

  @Get()
  async show(@Param('meeting') meetingId: string, @Query('done') done: unknown, @Req() request: Request, @Res() response: Response) {
    const session = await this.gate.page(request, response);
    if (!session) return;
    const meeting = await meetingOrNotFound(this.meetings, meetingId, session.actor, response);
    if (!meeting) return;
    const earlier = await this.earlierThan(meeting);
    const values = { minutesOfMeetingId: earlier[earlier.length - 1]?.id };
    const page = minutesPage({
      signedIn: signedInAs(session),
      meeting,
      earlier,
      values,
      commandId: WorkspaceRecorder.newCommandId(),
      done: done === '1',
    });
    response.type('html').send(page);
  }

  @Post()
  async approve(@Param('meeting') meetingId: string, @Req() request: Request, @Res() response: Response) {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { session, values } = form;
    const meeting = await meetingOrNotFound(this.meetings, meetingId, session.actor, response);
    if (!meeting) return;
    const commandId = commandIdOf(values);
    const recorded = await this.recorder.record(session.actor, 'ApproveMinutes', minutesApproval(meetingId, values), commandId);
    if (recorded.ok) return void response.redirect(303, `${minutesPath(meetingId)}?done=1`);
    const earlier = await this.earlierThan(meeting);
    const page = minutesPage({ signedIn: signedInAs(session), meeting, earlier, values, commandId, refusal: recorded.refusal });
    response.status(recorded.refusal.status).type('html').send(page);
  }

  /** The meetings of this meeting's bodies dated before it, oldest first. */
  private async earlierThan(meeting: MeetingRecordView): Promise<MeetingSummary[]> {
    const found = new Map<string, MeetingSummary>();
    for (const { bodyId } of meeting.bodies) {
      const { meetings } = await this.meetings.meetings({ to: meeting.date }, bodyId);
      for (const each of meetings) if (each.id !== meeting.id) found.set(each.id, each);
    }
    return [...found.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
