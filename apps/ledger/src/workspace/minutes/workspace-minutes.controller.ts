import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { MeetingRecordView, MeetingSummary } from '@ledger/governance';
import type { Actor } from '../../access/actor';
import type { Request, Response } from 'express';
import { MeetingQueries } from '../../meetings/meeting-queries';
import { MinutedItem, minutesApproval, minutesPage, minutesPath } from './minutes-pages';
import { meetingOrNotFound, orNotFound } from '../workspace-pages-support';
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
      items: await this.itemsOf(values.minutesOfMeetingId, earlier, session.actor),
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
    const earlier = await this.earlierThan(meeting);
    const items = await this.itemsOf(values.minutesOfMeetingId, earlier, session.actor);
    const signedIn = signedInAs(session);
    // The form again with the chosen meeting's items to pick from (no script changes the list as the meeting is chosen).
    if (values.show === 'items')
      return void response.status(200).type('html').send(minutesPage({ signedIn, meeting, earlier, items, values, commandId }));
    const recorded = await this.recorder.record(session.actor, 'ApproveMinutes', minutesApproval(meetingId, values), commandId);
    if (recorded.ok) return void response.redirect(303, `${minutesPath(meetingId)}?done=1`);
    const page = minutesPage({ signedIn, meeting, earlier, items, values, commandId, refusal: recorded.refusal });
    response.status(recorded.refusal.status).type('html').send(page);
  }

  /** The items of the earlier meeting chosen, by title, Part 2 ones marked; none for a meeting not among `earlier`. */
  private async itemsOf(meetingId: string | undefined, earlier: readonly MeetingSummary[], actor: Actor): Promise<MinutedItem[]> {
    if (meetingId === undefined || !earlier.some((each) => each.id === meetingId)) return [];
    const minuted = await orNotFound(this.meetings.meeting(meetingId, actor));
    return (minuted?.items ?? []).map((item) => ({
      id: item.id,
      title: item.title,
      ...(item.confidential
        ? { part2: { ...(item.confidential.lifted !== undefined ? { liftedFrom: item.confidential.lifted } : {}) } }
        : {}),
    }));
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
