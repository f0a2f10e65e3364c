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
import { inTheRoom, MeetingAtDesk, MeetingDesk } from './meeting-desk';

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
    if (session) await this.showAttendance(response, session, meetingId, { notice: noticeOf(request) });
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
    await this.showAttendance(response, session, meetingId, { posted: { form: kind, values, refusal: recorded.refusal } });
  }

  @Get('items/:item')
  async item(
    @Param('meeting') meetingId: string,
    @Param('item') itemId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = await this.gate.page(request, response);
    if (session) await this.showItem(response, session, meetingId, itemId, {}, { notice: noticeOf(request) });
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
    const meeting = await this.desk.meeting(meetingId, session.actor);
    const item = meeting?.items.find(({ id }) => id === itemId);
    if (!meeting || !item) return sendNotFound(response, session, NOT_FOUND);
    const seats = inTheRoom(meeting, itemId, await this.desk.seats(meeting));
    const data = outcomeData(meeting.id, item.id, seats, values, sourceOf(values, personOf(session), 'source-title'));
    if (values.action === 'record') {
      const recorded = await this.recorder.record(session.actor, 'RecordItemOutcome', data, commandIdOf(values));
      if (recorded.ok) return void response.redirect(303, `/workspace/meetings/${meeting.id}/items/${item.id}?recorded=outcome`);
      return this.showItem(response, session, meetingId, itemId, values, { refusal: recorded.refusal });
    }
    // "Check": the same command decided by the same deciders, nothing written; its verdict judged by the same code.
    const previewed = await this.recorder.preview(session.actor, 'RecordItemOutcome', data);
    if (!previewed.ok) return this.showItem(response, session, meetingId, itemId, values, { refusal: previewed.refusal });
    const after = await this.desk.meeting(meetingId, session.actor, previewed.value);
    await this.showItem(response, session, meetingId, itemId, values, { previewed: after?.items.find(({ id }) => id === itemId) });
  }

  private async showAttendance(
    response: Response,
    session: SignedIn,
    meetingId: string,
    shown: { posted?: { form: AttendanceForm; values: Values; refusal: Refusal }; notice?: string },
  ): Promise<void> {
    const meeting = await this.desk.meeting(meetingId, session.actor);
    if (!meeting) return sendNotFound(response, session, NOT_FOUND);
    const fresh = WorkspaceRecorder.newCommandId;
    const kept = shown.posted ? commandIdOf(shown.posted.values) : undefined;
    const commandIds = {
      attendance: shown.posted?.form === 'attendance' && kept ? kept : fresh(),
      arrival: shown.posted?.form === 'arrival' && kept ? kept : fresh(),
      departure: shown.posted?.form === 'departure' && kept ? kept : fresh(),
    };
    const page = attendancePage({
      session,
      meeting,
      seats: await this.desk.seats(meeting),
      commandIds,
      ...shown,
      notice: noticeText(shown.notice),
    });
    response
      .status(shown.posted?.refusal.status ?? 200)
      .type('html')
      .send(page);
  }

  private async showItem(
    response: Response,
    session: SignedIn,
    meetingId: string,
    itemId: string,
    values: Values,
    shown: { refusal?: Refusal; previewed?: MeetingAtDesk['items'][number]; notice?: string },
  ): Promise<void> {
    const meeting = await this.desk.meeting(meetingId, session.actor);
    const item = meeting?.items.find(({ id }) => id === itemId);
    if (!meeting || !item) return sendNotFound(response, session, NOT_FOUND);
    const everyone = await this.desk.seats(meeting);
    const seats = inTheRoom(meeting, itemId, everyone);
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
