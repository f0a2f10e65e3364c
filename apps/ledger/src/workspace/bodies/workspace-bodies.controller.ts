import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BodyRegisterQueries } from '../../bodies/body-register.queries';
import { Clock } from '../../clock/clock';
import { MeetingQueries } from '../../meetings/meeting-queries';
import { keyServes, ListedBody } from './bodies-directory';
import { bodyMeetingsPage, MeetingOnList } from './body-meetings-page';
import { BodyOnPage, bodyPage, nameOf } from './body-page';
import { FormState, freshForm, integerOf, optionalText, refusedForm, slugOf, sourceOf } from '../page-parts';
import { commandIdOf } from '../workspace-forms';
import { WorkspaceGate } from '../workspace-gate';
import { orNotFound, sendNotFound, sendRecorded } from '../workspace-pages-support';
import { personOf } from '../workspace-pages';
import { WorkspaceRecorder } from '../workspace-recorder';
import { SignedIn } from '../workspace-sessions';

/** The command's field a refusal naming none is about, by rule. */
const APPOINT_RULES = {
  'already-recorded': 'membershipId',
  'membership-overlaps': 'from',
  'before-establishment': 'from',
  'body-dissolved': 'from',
};
const END_RULES = { 'membership-already-ended': 'to', 'before-establishment': 'to', 'body-dissolved': 'to', 'interval-order': 'to' };
const SCHEDULE_RULES = {
  'already-recorded': 'meetingId',
  'body-not-in-existence': 'date',
  'meeting-time': 'time',
  'bank-holidays-unknown': 'date',
};

/** A refused form of the body page: the appointment, or the end of one membership. */
type BodyRefusal = { form: 'appoint'; state: FormState } | { form: 'end'; membershipId: string; state: FormState };

/**
 * A body in the officers' workspace: its members over time (appoint, end a membership) and its meetings
 * (upcoming and past, schedule one). Every form goes through WorkspaceRecorder: the one write pipeline.
 */
@ApiExcludeController()
@Controller('workspace/bodies')
export class WorkspaceBodiesController {
  constructor(
    private readonly gate: WorkspaceGate,
    private readonly recorder: WorkspaceRecorder,
    private readonly bodies: BodyRegisterQueries,
    private readonly meetings: MeetingQueries,
    private readonly clock: Clock,
  ) {}

  @Get(':bodyId')
  async body(@Req() request: Request, @Res() response: Response, @Param('bodyId') bodyId: string, @Query('recorded') recorded: unknown) {
    const session = await this.gate.page(request, response);
    if (session) await this.sendBodyPage(response, session, bodyId, 200, undefined, recorded);
  }

  @Post(':bodyId/memberships')
  async appoint(@Req() request: Request, @Res() response: Response, @Param('bodyId') bodyId: string) {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { values } = form;
    const person = optionalText(values.person);
    const seat = optionalText(values.seat);
    const data = {
      bodyId,
      // Made from the name or seat; with neither, from the form's command id, so the refusal names the member, not the id.
      membershipId: optionalText(values.membershipId) ?? (slugOf(person ?? seat) || `member-${slugOf(commandIdOf(values), 8) || 'new'}`),
      member: { ...(person ? { person } : {}), ...(seat ? { seat } : {}) },
      role: optionalText(values.role) ?? values.role,
      voting: values.voting === 'yes',
      onBehalfOfBodyId: optionalText(values.onBehalfOfBodyId),
      from: values.from,
      source: sourceOf(values, personOf(form.session)),
    };
    const outcome = await this.recorder.record(form.session.actor, 'AppointMember', data, commandIdOf(values));
    if (outcome.ok) return sendRecorded(response, `/workspace/bodies/${bodyId}`, 'appointed');
    const state = refusedForm(values, outcome.refusal, APPOINT_RULES);
    await this.sendBodyPage(response, form.session, bodyId, outcome.refusal.status, { form: 'appoint', state });
  }

  @Post(':bodyId/memberships/:membershipId/end')
  async end(
    @Req() request: Request,
    @Res() response: Response,
    @Param('bodyId') bodyId: string,
    @Param('membershipId') membershipId: string,
  ) {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { values } = form;
    const data = {
      bodyId,
      membershipId,
      to: values[`end-${membershipId}-to`],
      source: sourceOf(values, personOf(form.session), `end-${membershipId}-source`),
    };
    const outcome = await this.recorder.record(form.session.actor, 'EndMembership', data, commandIdOf(values));
    if (outcome.ok) return sendRecorded(response, `/workspace/bodies/${bodyId}`, 'ended');
    const state = refusedForm(values, outcome.refusal, END_RULES);
    await this.sendBodyPage(response, form.session, bodyId, outcome.refusal.status, { form: 'end', membershipId, state });
  }

  @Get(':bodyId/meetings')
  async bodyMeetings(@Req() request: Request, @Res() response: Response, @Param('bodyId') bodyId: string) {
    const session = await this.gate.page(request, response);
    if (session) await this.sendMeetingsPage(response, session, bodyId, 200, freshForm());
  }

  @Post(':bodyId/meetings')
  async schedule(@Req() request: Request, @Res() response: Response, @Param('bodyId') bodyId: string) {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { values } = form;
    const date = optionalText(values.date);
    // Committees in common: this body's and one other's, each deciding for itself.
    const other = optionalText(values.inCommonWith);
    // An id from the body and the date when none is typed (one meeting of a body a day is the usual case).
    const madeId = `${bodyId.slice(0, 100)}-${date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : 'meeting'}`;
    const data = {
      meetingId: optionalText(values.meetingId) ?? madeId,
      date: values.date,
      time: optionalText(values.time),
      location: optionalText(values.location),
      bodies: [
        { bodyId, quorum: integerOf(values.quorum) },
        ...(other ? [{ bodyId: other, quorum: integerOf(values.inCommonQuorum) }] : []),
      ],
      ...(other ? { inCommon: true } : {}),
      source: sourceOf(values, personOf(form.session)),
    };
    const outcome = await this.recorder.record(form.session.actor, 'ConveneMeeting', data, commandIdOf(values));
    if (outcome.ok) return sendRecorded(response, `/workspace/meetings/${data.meetingId}`, 'scheduled');
    await this.sendMeetingsPage(
      response,
      form.session,
      bodyId,
      outcome.refusal.status,
      refusedForm(values, outcome.refusal, SCHEDULE_RULES),
    );
  }

  private async sendBodyPage(
    response: Response,
    session: SignedIn,
    bodyId: string,
    status: number,
    refused?: BodyRefusal,
    recorded?: unknown,
  ) {
    const body = (await orNotFound(this.bodies.body(bodyId))) as BodyOnPage | undefined;
    if (!body) return sendNotFound(response, session, `a body ${bodyId}`);
    const today = this.clock.today();
    const { bodies: every } = await this.bodies.bodiesAt(undefined, undefined, undefined);
    const listed = every as ListedBody[];
    const parent = listed.find((other) => other.id === body.parentBodyId);
    const open = body.memberships.filter((membership) => membership.to === null);
    const end: Record<string, FormState> = Object.fromEntries(
      open.map((m) => [m.membershipId, freshForm({ [`end-${m.membershipId}-to`]: today })]),
    );
    // The refused form as typed (even for a membership with no form here: its refusal is still summarised).
    if (refused?.form === 'end') end[refused.membershipId] = refused.state;
    const page = bodyPage({
      person: personOf(session),
      csrf: session.csrf,
      today,
      body,
      ...(parent ? { parent: { id: parent.id, name: parent.name } } : {}),
      bodyNames: Object.fromEntries(listed.map(({ id, name }) => [id, name])),
      committees: listed.filter((other) => other.parentBodyId === bodyId).map(({ id, name }) => ({ id, name })),
      recorded,
      served: keyServes(session.actor, [bodyId], listed),
      appoint: refused?.form === 'appoint' ? refused.state : freshForm({ role: 'member', voting: 'yes' }),
      end,
    });
    response.status(status).type('html').send(page);
  }

  private async sendMeetingsPage(response: Response, session: SignedIn, bodyId: string, status: number, schedule: FormState) {
    const body = (await orNotFound(this.bodies.body(bodyId))) as BodyOnPage | undefined;
    if (!body) return sendNotFound(response, session, `a body ${bodyId}`);
    const { meetings } = await this.meetings.meetings({}, bodyId);
    const { bodies: every } = await this.bodies.bodiesAt(undefined, undefined, undefined);
    const page = bodyMeetingsPage({
      person: personOf(session),
      csrf: session.csrf,
      today: this.clock.today(),
      body: { id: body.id, name: nameOf(body) },
      meetings: meetings as MeetingOnList[],
      served: keyServes(session.actor, [bodyId], every as ListedBody[]),
      others: (every as ListedBody[])
        .filter((other) => other.id !== bodyId)
        .map(({ id, name }) => [id, name] as const)
        .sort(([, a], [, b]) => a.localeCompare(b)),
      schedule,
    });
    response.status(status).type('html').send(page);
  }
}
