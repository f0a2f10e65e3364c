import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignedIn } from '../workspace-sessions';
import { WorkspaceGate } from '../workspace-gate';
import { commandIdOf, Values } from '../workspace-forms';
import { personOf } from '../workspace-pages';
import { sendNotFound } from '../workspace-pages-support';
import { sourceOf } from '../page-parts';
import { Refusal, WorkspaceRecorder } from '../workspace-recorder';
import { AttendanceForm, attendanceData, attendancePage } from './attendance-page';
import { outcomeData, outcomeFieldMap } from './item-outcome-form';
import { itemOutcomePage } from './item-outcome-page';
import { inTheRoom, ItemAtDesk, MeetingAtDesk, MeetingDesk, Seat } from './meeting-desk';

const NOT_FOUND = 'that meeting or item';

/**
 * The meeting as it happens: who is there, and each item's declarations, motion, votes and decision, checked by the
 * ledger (a preview through the pipeline, nothing written) and then recorded in one request. Every write goes
 * through WorkspaceRecorder: the workspace has no write path of its own.
 */
@ApiExcludeController()
@Controller('workspace/meetings/:meeting')
export class AtTheMeetingController {
  constructor(
    private readonly gate: WorkspaceGate,
    private readonly desk: MeetingDesk,
    private readonly recorder: WorkspaceRecorder,
  ) {}

  @Get('attendance')
  async attendance(@Param('meeting') meetingId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const session = await this.gate.page(request, response);
    if (!session) return;
    const meeting = await this.desk.meeting(meetingId, session.actor);
    if (!meeting) return sendNotFound(response, session, NOT_FOUND);
    this.showAttendance(response, session, meeting, await this.desk.seats(meeting), { notice: noticeOf(request) });
  }

  @Post(['attendance', 'arrivals', 'departures'])
  async recordAttendance(@Param('meeting') meetingId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { values, session } = form;
    const meeting = await this.desk.meeting(meetingId, session.actor);
    if (!meeting) return sendNotFound(response, session, NOT_FOUND);
    const seats = await this.desk.seats(meeting);
    const kind: AttendanceForm = request.path.endsWith('/arrivals')
      ? 'arrival'
      : request.path.endsWith('/departures')
        ? 'departure'
        : 'attendance';
    const source = sourceOf(values, personOf(session), `${kind}-source`);
    const [command, data] =
      kind === 'attendance'
        ? (['RecordAttendance', attendanceData(meeting.id, seats, values, source)] as const)
        : kind === 'arrival'
          ? ([
              'RecordArrival',
              { meetingId: meeting.id, membershipId: values['arrival-member'], beforeItem: values['arrival-item'], source },
            ] as const)
          : ([
              'RecordDeparture',
              { meetingId: meeting.id, membershipId: values['departure-member'], afterItem: values['departure-item'], source },
            ] as const);
    const recorded = await this.recorder.record(session.actor, command, data, commandIdOf(values));
    if (recorded.ok) return void response.redirect(303, `/workspace/meetings/${meeting.id}/attendance?recorded=${kind}`);
    this.showAttendance(response, session, meeting, seats, { posted: { form: kind, values, refusal: recorded.refusal } });
  }

  @Get('items/:item')
  async item(
    @Param('meeting') meetingId: string,
    @Param('item') itemId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = await this.gate.page(request, response);
    if (!session) return;
    const at = await this.itemAt(meetingId, itemId, session);
    if (!at) return sendNotFound(response, session, NOT_FOUND);
    await this.showItem(response, session, at, {}, { notice: noticeOf(request) });
  }

  @Post('items/:item')
  async recordOutcome(
    @Param('meeting') meetingId: string,
    @Param('item') itemId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { session, values } = form;
    const at = await this.itemAt(meetingId, itemId, session);
    if (!at) return sendNotFound(response, session, NOT_FOUND);
    const { meeting, item } = at;
    const data = outcomeData(meeting.id, item.id, at.inTheRoom, values, sourceOf(values, personOf(session), 'source-title'));
    if (values.action === 'record') {
      const recorded = await this.recorder.record(session.actor, 'RecordItemOutcome', data, commandIdOf(values));
      if (recorded.ok) return void response.redirect(303, `/workspace/meetings/${meeting.id}/items/${item.id}?recorded=outcome`);
      return this.showItem(response, session, at, values, { refusal: recorded.refusal });
    }
    // "Check": the same command decided by the same deciders, nothing written; its verdict judged by the same code.
    const previewed = await this.recorder.preview(session.actor, 'RecordItemOutcome', data);
    if (!previewed.ok) return this.showItem(response, session, at, values, { refusal: previewed.refusal });
    const after = await this.desk.meeting(meetingId, session.actor, previewed.value);
    await this.showItem(response, session, at, values, { previewed: after?.items.find(({ id }) => id === itemId) });
  }

  /** The meeting and its item, with every seat and those in the room for the item; undefined when either is unknown. */
  private async itemAt(meetingId: string, itemId: string, session: SignedIn): Promise<ItemAtMeeting | undefined> {
    const meeting = await this.desk.meeting(meetingId, session.actor);
    const item = meeting?.items.find(({ id }) => id === itemId);
    if (!meeting || !item) return undefined;
    const everyone = await this.desk.seats(meeting);
    return { meeting, item, everyone, inTheRoom: inTheRoom(meeting, itemId, everyone) };
  }

  private showAttendance(
    response: Response,
    session: SignedIn,
    meeting: MeetingAtDesk,
    seats: Seat[],
    shown: { posted?: { form: AttendanceForm; values: Values; refusal: Refusal }; notice?: string },
  ): void {
    // The refused form keeps its command id (sent again, it records once); the others get new ones.
    const commandIdFor = (form: AttendanceForm) =>
      shown.posted?.form === form ? commandIdOf(shown.posted.values) : WorkspaceRecorder.newCommandId();
    const commandIds = { attendance: commandIdFor('attendance'), arrival: commandIdFor('arrival'), departure: commandIdFor('departure') };
    const page = attendancePage({ session, meeting, seats, commandIds, ...shown, notice: noticeText(shown.notice) });
    response
      .status(shown.posted?.refusal.status ?? 200)
      .type('html')
      .send(page);
  }

  private async showItem(
    response: Response,
    session: SignedIn,
    { meeting, item, everyone, inTheRoom: seats }: ItemAtMeeting,
    values: Values,
    shown: { refusal?: Refusal; previewed?: MeetingAtDesk['items'][number]; notice?: string },
  ): Promise<void> {
    const page = itemOutcomePage({
      names: await this.desk.names(meeting, everyone),
      session,
      meeting,
      item,
      inTheRoom: seats,
      values,
      commandId: commandIdOf(values),
      fields: outcomeFieldMap(seats, values),
      ...shown,
      notice: noticeText(shown.notice),
    });
    response
      .status(shown.refusal?.status ?? 200)
      .type('html')
      .send(page);
  }
}

/** An item at its meeting, as its page needs it. */
interface ItemAtMeeting {
  meeting: MeetingAtDesk;
  item: ItemAtDesk;
  everyone: Seat[];
  inTheRoom: Seat[];
}

const NOTICES: Record<string, string> = {
  attendance: 'Attendance recorded.',
  arrival: 'The late arrival is recorded.',
  departure: 'The early departure is recorded.',
  outcome: 'The outcome is recorded.',
};

function noticeOf(request: Request): string | undefined {
  return typeof request.query.recorded === 'string' ? request.query.recorded : undefined;
}

function noticeText(notice: string | undefined): string | undefined {
  return notice ? NOTICES[notice] : undefined;
}
