import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EVENT_STORE, EventStore, streamCategory } from '@ledger/event-store';
import { DomainEvent, meetingStream, MeetingRecordView } from '@ledger/governance';
import { getMetadataStorage } from 'class-validator';
import { CommandRegistry } from '../../recording/command-declaration';
import type { Request, Response } from 'express';
import { Actor } from '../../access/actor';
import { ContentDisclosure } from '../../disclosure/content-disclosure';
import { MeetingQueries } from '../../meetings/meeting-queries';
import { correctionAsked, firstValues } from './correction-form';
import { correctionFormPage, correctionsPage, verdictChanges } from './correction-pages';
import { factIdsOf, meetingFacts, MeetingFact } from './meeting-facts';
import { meetingOrNotFound, notFoundPage } from '../workspace-pages-support';
import { commandIdOf } from '../workspace-forms';
import { signedInAs } from '../workspace-pages';
import { WorkspaceGate } from '../workspace-gate';
import { WorkspaceRecorder } from '../workspace-recorder';

/**
 * Corrections from the workspace: every recorded fact of a meeting with "Correct this"; a form of the chosen facts'
 * fields; "Check" previews the correction through the pipeline (before and after, and each decision's verdict as it
 * would read); "Record" records it, one CorrectFact of several facts, through the same pipeline.
 */
@ApiExcludeController()
@Controller('workspace/meetings/:meeting/corrections')
export class WorkspaceCorrectionsController {
  constructor(
    private readonly gate: WorkspaceGate,
    private readonly recorder: WorkspaceRecorder,
    private readonly meetings: MeetingQueries,
    private readonly disclosure: ContentDisclosure,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: CommandRegistry,
  ) {}

  @Get()
  async list(
    @Param('meeting') meetingId: string,
    @Query('recorded') recorded: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const session = await this.gate.page(request, response);
    if (!session) return;
    const meeting = await meetingOrNotFound(this.meetings, meetingId, session.actor, response);
    if (!meeting) return;
    const facts = await this.factsOf(meetingId, session.actor);
    const notice = typeof recorded === 'string' && /^\d{1,3}$/.test(recorded) ? recordedNotice(Number(recorded)) : undefined;
    response.type('html').send(correctionsPage({ signedIn: signedInAs(session), meeting, facts, notice }));
  }

  @Get('new')
  async form(@Param('meeting') meetingId: string, @Query('facts') asked: unknown, @Req() request: Request, @Res() response: Response) {
    const session = await this.gate.page(request, response);
    if (!session) return;
    const chosen = await this.chosen(meetingId, factIdsOf(asked), session.actor, response);
    if (!chosen) return;
    const { meeting, facts } = chosen;
    const values = firstValues(facts);
    const { fields } = correctionAsked(meetingId, facts, values);
    const commandId = WorkspaceRecorder.newCommandId();
    response.type('html').send(correctionFormPage({ signedIn: signedInAs(session), meeting, facts, values, commandId, fields }));
  }

  @Post()
  async submit(@Param('meeting') meetingId: string, @Req() request: Request, @Res() response: Response) {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { session, values } = form;
    const chosen = await this.chosen(meetingId, factIdsOf(values.facts), session.actor, response);
    if (!chosen) return;
    const { meeting, facts } = chosen;
    const asked = correctionAsked(meetingId, facts, values);
    const commandId = commandIdOf(values);
    const page = (status: number, extra: Partial<Parameters<typeof correctionFormPage>[0]>) =>
      response
        .status(status)
        .type('html')
        .send(correctionFormPage({ signedIn: signedInAs(session), meeting, facts, values, commandId, fields: asked.fields, ...extra }));
    if ((asked.data.facts as unknown[]).length === 0) {
      const message = 'Change a value of at least one fact, or withdraw one: as it stands the form corrects nothing.';
      return void page(400, { refusal: { status: 400, rule: 'nothing-corrected', message } });
    }
    if (values.action === 'record') {
      const recorded = await this.recorder.record(session.actor, 'CorrectFact', asked.data, commandId);
      if (!recorded.ok) return void page(recorded.refusal.status, { refusal: recorded.refusal });
      return void response.redirect(
        303,
        `/workspace/meetings/${encodeURIComponent(meetingId)}/corrections?recorded=${recorded.value.events.length}`,
      );
    }
    const previewed = await this.recorder.preview(session.actor, 'CorrectFact', asked.data);
    if (!previewed.ok) return void page(previewed.refusal.status, { refusal: previewed.refusal });
    const after = (await this.meetings.meeting(meetingId, session.actor, undefined, undefined, previewed.value)) as MeetingRecordView;
    const preview = { changed: asked.changed, withdrawn: asked.withdrawn, verdicts: verdictChanges(meeting, after) };
    page(200, { preview });
  }

  /** The meeting and the chosen facts of it (each correctable), or a 404 page naming what is not there. */
  private async chosen(meetingId: string, ids: string[], actor: Actor, response: Response) {
    const meeting = await meetingOrNotFound(this.meetings, meetingId, actor, response);
    if (!meeting) return undefined;
    const all = await this.factsOf(meetingId, actor);
    const facts = ids.map((id) => all.find((fact) => fact.id === id && fact.correctable));
    const missing = ids.find((_, index) => !facts[index]);
    if (ids.length === 0 || missing !== undefined) {
      const what = missing === undefined ? 'No fact was chosen.' : `This meeting has no fact ${missing} that can be corrected.`;
      response
        .status(404)
        .type('html')
        .send(notFoundPage('No such fact', `${what} Choose the facts to correct from the meeting's record.`));
      return undefined;
    }
    return { meeting, facts: facts as MeetingFact[] };
  }

  private async factsOf(meetingId: string, actor: Actor): Promise<MeetingFact[]> {
    const events = await this.store.readStream(meetingStream(meetingId));
    return this.disclosure.disclose(
      meetingFacts(events, (fact) => this.commandFields(meetingStream(meetingId), fact)),
      actor,
    );
  }

  /** The fields the command recording `fact` takes: what its declaration's DTO validates (the pipe refuses any other). */
  private commandFields(stream: string, fact: { type: string; data: unknown }): string[] {
    const aggregate = this.registry.aggregateOfCategory(streamCategory(stream));
    try {
      const declaration = aggregate && this.registry.declarationOf(aggregate.commandRecording(fact as DomainEvent).type);
      if (!declaration) return [];
      const validated = getMetadataStorage().getTargetValidationMetadatas(declaration.dto, '', true, false);
      return [...new Set(validated.map((metadata) => metadata.propertyName))];
    } catch {
      // A fact no command records (a correction): nothing to give.
      return [];
    }
  }
}

function recordedNotice(count: number): string {
  return `The correction was recorded: ${count} ${count === 1 ? 'fact' : 'facts'} corrected. The record below reads as corrected.`;
}
