import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MeetingQueries } from '../../meetings/meeting-queries';
import { confidentialityPage, confirmationPage, Part2Action, PART2_ACTIONS, part2Path, Part2Forms } from './confidentiality-pages';
import { meetingOrNotFound, notFoundPage } from '../workspace-pages-support';
import { commandIdOf } from '../workspace-forms';
import { signedInAs } from '../workspace-pages';
import { WorkspaceGate } from '../workspace-gate';
import { WorkspaceRecorder } from '../workspace-recorder';
import { Actor } from '../../access/actor';

const newCommandIds = (): Part2Forms['commandIds'] => ({
  impose: WorkspaceRecorder.newCommandId(),
  lift: WorkspaceRecorder.newCommandId(),
  erase: WorkspaceRecorder.newCommandId(),
});

/**
 * An item's Part 2 (Schedule 12A) state: shown with its content to the entitled officer (the one disclosure rule);
 * taking it into Part 2 and erasing its content each checked through the pipeline, then confirmed on a page that
 * says what cannot be undone, before it is recorded; making it public from a date.
 */
@ApiExcludeController()
@Controller('workspace/meetings/:meeting/items/:item/confidentiality')
export class WorkspaceConfidentialityController {
  constructor(
    private readonly gate: WorkspaceGate,
    private readonly recorder: WorkspaceRecorder,
    private readonly meetings: MeetingQueries,
  ) {}

  @Get()
  async show(
    @Param('meeting') meetingId: string,
    @Param('item') itemId: string,
    @Query('done') done: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const session = await this.gate.page(request, response);
    if (!session) return;
    const found = await this.itemOf(meetingId, itemId, session.actor, response);
    if (!found) return;
    const forms = { values: {}, commandIds: newCommandIds() };
    const notice = typeof done === 'string' && done in PART2_ACTIONS ? done : undefined;
    response.type('html').send(confidentialityPage({ signedIn: signedInAs(session), ...found, forms, done: notice }));
  }

  @Post(':action')
  async act(
    @Param('meeting') meetingId: string,
    @Param('item') itemId: string,
    @Param('action') asked: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const form = await this.gate.form(request, response);
    if (!form) return;
    const { session, values } = form;
    if (!(asked in PART2_ACTIONS))
      return void response.status(404).type('html').send(notFoundPage('No such form', 'Go back and try again.'));
    const action = asked as Part2Action;
    const found = await this.itemOf(meetingId, itemId, session.actor, response);
    if (!found) return;
    const { command, confirm } = PART2_ACTIONS[action];
    const data = { meetingId, itemId, ...PART2_ACTIONS[action].data(values) };
    const commandId = commandIdOf(values);
    const refused = (refusal: { status: number; rule: string; message: string; field?: string }) => {
      const forms = { values, commandIds: { ...newCommandIds(), [action]: commandId }, refused: { action, refusal } };
      response
        .status(refusal.status)
        .type('html')
        .send(confidentialityPage({ signedIn: signedInAs(session), ...found, forms }));
    };
    if (confirm && values.confirmed !== 'yes') {
      // The first step: checked through the pipeline (nothing written), then the page that asks to confirm.
      const previewed = await this.recorder.preview(session.actor, command, data);
      if (!previewed.ok) return refused(previewed.refusal);
      const page = confirmationPage({ signedIn: signedInAs(session), ...found, action: action as 'impose' | 'erase', values, commandId });
      return void response.status(200).type('html').send(page);
    }
    const recorded = await this.recorder.record(session.actor, command, data, commandId);
    if (!recorded.ok) return refused(recorded.refusal);
    response.redirect(303, `${part2Path(meetingId, itemId)}?done=${action}`);
  }

  private async itemOf(meetingId: string, itemId: string, actor: Actor, response: Response) {
    const meeting = await meetingOrNotFound(this.meetings, meetingId, actor, response);
    if (!meeting) return undefined;
    const item = meeting.items.find((each) => each.id === itemId);
    if (!item) {
      response
        .status(404)
        .type('html')
        .send(notFoundPage('No such item', `The meeting has no item ${itemId}.`));
      return undefined;
    }
    return { meeting, item };
  }
}
