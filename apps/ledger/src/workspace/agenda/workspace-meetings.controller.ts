import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AREAS, FUNCTIONS } from '@ledger/public-contract';
import { BodyRegisterQueries } from '../../bodies/body-register.queries';
import { Clock } from '../../clock/clock';
import { MeetingQueries } from '../../meetings/meeting-queries';
import { keyServes, ListedBody } from '../bodies/bodies-directory';
import { MEETING_FORMS, MeetingForm, MeetingOnPage, meetingPage, MeetingPageInput } from './meeting-page';
import { formsOf, FormState, integerOf, optionalText, refusedForm, slugOf, sourceOf, ticked } from '../page-parts';
import { commandIdOf } from '../workspace-forms';
import { PostedForm, WorkspaceGate } from '../workspace-gate';
import { orNotFound, sendNotFound, sendRecorded } from '../workspace-pages-support';
import { personOf } from '../workspace-pages';
import { WorkspaceRecorder } from '../workspace-recorder';
import { SignedIn } from '../workspace-sessions';

type Values = PostedForm['values'];

/** Each form of the meeting page: its command, its data from the typed values, and the notice once recorded. */
interface MeetingCommand {
  command: string;
  recorded: string;
  data: (values: Values, person: string) => Record<string, unknown>;
  /** The command's field a refusal naming none is about, by rule. */
  rules?: Record<string, string>;
}

const COMMANDS: Record<MeetingForm, MeetingCommand> = {
  item: {
    command: 'AddAgendaItem',
    recorded: 'item',
    data: agendaItemOf,
    rules: { 'already-recorded': 'itemId', 'late-item-without-reason': 'lateReason' },
  },
  publish: {
    command: 'PublishAgenda',
    recorded: 'published',
    rules: { 'publication-in-future': 'publishedOn', 'published-after-meeting': 'publishedOn', 'bank-holidays-unknown': 'publishedOn' },
    data: (values, person) => ({ publishedOn: values.publishedOn, source: sourceOf(values, person, 'publish-source') }),
  },
  reschedule: {
    command: 'RescheduleMeeting',
    recorded: 'rescheduled',
    rules: { 'reschedule-unchanged': 'date', 'meeting-time': 'time', 'meeting-already-held': 'date', 'bank-holidays-unknown': 'date' },
    data: (values, person) => ({
      date: values['new-date'],
      time: optionalText(values['new-time']),
      reason: optionalText(values['reschedule-reason']) ?? values['reschedule-reason'],
      source: sourceOf(values, person, 'reschedule-source'),
    }),
  },
  cancel: {
    command: 'CancelMeeting',
    recorded: 'cancelled',
    data: (values, person) => ({
      reason: optionalText(values['cancel-reason']) ?? values['cancel-reason'],
      source: sourceOf(values, person, 'cancel-source'),
    }),
  },
};

/** An agenda item as typed: the id from the title when none is typed; Part 2 only when ticked. */
function agendaItemOf(values: Values, person: string): Record<string, unknown> {
  // A title with no letter or digit of a-z gives no slug: the form's own command id keeps a resubmission the same item.
  const itemId = optionalText(values.itemId) ?? (slugOf(values.title) || `item-${slugOf(values.commandId, 8) || 'new'}`);
  return {
    itemId,
    title: optionalText(values.title) ?? values.title,
    text: optionalText(values.text) ?? values.text,
    functions: ticked(values, 'function', FUNCTIONS),
    areas: ticked(values, 'area', AREAS),
    ...(values.part2 === 'yes'
      ? {
          confidential: {
            paragraph: integerOf(values.paragraph),
            publicInterestReason: optionalText(values.reason) ?? values.reason,
            publicSummary: optionalText(values.summary) ?? values.summary,
          },
        }
      : {}),
    lateReason: optionalText(values.lateReason),
    source: sourceOf(values, person, 'item-source'),
  };
}

/**
 * A meeting in the officers' workspace: its overview and agenda, and the forms to add items, publish the agenda,
 * reschedule or cancel it. Every form goes through WorkspaceRecorder: the one write pipeline.
 */
@ApiExcludeController()
@Controller('workspace/meetings')
export class WorkspaceMeetingsController {
  constructor(
    private readonly gate: WorkspaceGate,
    private readonly recorder: WorkspaceRecorder,
    private readonly meetings: MeetingQueries,
    private readonly bodies: BodyRegisterQueries,
    private readonly clock: Clock,
  ) {}

  @Get(':meetingId')
  async meeting(
    @Req() request: Request,
    @Res() response: Response,
    @Param('meetingId') meetingId: string,
    @Query('recorded') recorded: unknown,
  ) {
    const session = await this.gate.page(request, response);
    if (session) await this.sendPage(response, session, meetingId, 200, undefined, recorded);
  }

  @Post(':meetingId/items')
  item(@Req() request: Request, @Res() response: Response, @Param('meetingId') meetingId: string) {
    return this.submit(request, response, meetingId, 'item');
  }

  @Post(':meetingId/agenda-publication')
  publish(@Req() request: Request, @Res() response: Response, @Param('meetingId') meetingId: string) {
    return this.submit(request, response, meetingId, 'publish');
  }

  @Post(':meetingId/rescheduling')
  reschedule(@Req() request: Request, @Res() response: Response, @Param('meetingId') meetingId: string) {
    return this.submit(request, response, meetingId, 'reschedule');
  }

  @Post(':meetingId/cancellation')
  cancel(@Req() request: Request, @Res() response: Response, @Param('meetingId') meetingId: string) {
    return this.submit(request, response, meetingId, 'cancel');
  }

  private async submit(request: Request, response: Response, meetingId: string, form: MeetingForm): Promise<void> {
    const posted = await this.gate.form(request, response);
    if (!posted) return;
    const { command, recorded, data, rules } = COMMANDS[form];
    const { session, values } = posted;
    const outcome = await this.recorder.record(
      session.actor,
      command,
      { meetingId, ...data(values, personOf(session)) },
      commandIdOf(values),
    );
    if (outcome.ok) return sendRecorded(response, `/workspace/meetings/${meetingId}`, recorded);
    await this.sendPage(response, session, meetingId, outcome.refusal.status, { form, state: refusedForm(values, outcome.refusal, rules) });
  }

  private async sendPage(
    response: Response,
    session: SignedIn,
    meetingId: string,
    status: number,
    refused?: { form: MeetingForm; state: FormState },
    recorded?: unknown,
  ): Promise<void> {
    const meeting = (await orNotFound(this.meetings.meeting(meetingId, session.actor))) as MeetingOnPage | undefined;
    if (!meeting) return sendNotFound(response, session, `a meeting ${meetingId}`);
    const today = this.clock.today();
    const { bodies } = await this.bodies.bodiesAt(undefined, undefined, undefined);
    const served = keyServes(
      session.actor,
      meeting.bodies.map((body) => body.bodyId),
      bodies as ListedBody[],
    );
    const page = meetingPage({
      person: personOf(session),
      csrf: session.csrf,
      today,
      meeting,
      recorded,
      served,
      publishToday: meeting.agenda || meeting.cancelled ? undefined : await this.publishedToday(session, meetingId, today),
      forms: formsOf(MEETING_FORMS, refused, { publish: { publishedOn: today } }),
    });
    response.status(status).type('html').send(page);
  }

  /** The notice the agenda would give, published today: the ledger's own count (bank holidays too), by a dry run. */
  private async publishedToday(session: SignedIn, meetingId: string, today: string): Promise<MeetingPageInput['publishToday']> {
    const preview = await this.recorder.preview(session.actor, 'PublishAgenda', {
      meetingId,
      publishedOn: today,
      source: sourceOf({}, personOf(session)),
    });
    if (!preview.ok) return preview.refusal.status === 403 ? undefined : { refused: preview.refusal.message };
    const published = preview.value.events.find((event) => event.type === 'AgendaPublished');
    const notice = published?.data as { clearDays?: number; late?: boolean } | undefined;
    return typeof notice?.clearDays === 'number' ? { clearDays: notice.clearDays, late: notice.late === true } : undefined;
  }
}
