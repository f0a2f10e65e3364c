import { NotFoundException } from '@nestjs/common';
import type { MeetingRecordView } from '@ledger/governance';
import type { Response } from 'express';
import { Actor } from '../access/actor';
import { MeetingQueries } from '../meetings/meeting-queries';
import { html } from '@ledger/public-contract';
import { layout, signedInAs } from './workspace-pages';
import { SignedIn } from './workspace-sessions';

/** A page for what is not there (a body, a meeting, an item, a fact, a key), with the header when signed in. */
export function notFoundPage(title: string, message: string, session?: SignedIn): string {
  return layout({
    title,
    ...(session ? { signedIn: signedInAs(session) } : {}),
    body: html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/workspace">Go to your workspace</a></p>`,
  });
}

/** A page the ledger has no record for (an unknown body or meeting): 404, a page, never a 5xx. */
export function sendNotFound(response: Response, session: SignedIn, what: string): void {
  response
    .status(404)
    .type('html')
    .send(notFoundPage('Not found', `The ledger has no record of ${what}.`, session));
}

/** The page, or 404 when the ledger's read says it has no such record. */
export async function orNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  }
}

/**
 * The meeting as `actor` may read it, or a 404 page sent and undefined. The workspace's routes name their ids
 * `:meeting`, `:item`, `:key` (not `…Id`), so the API's id pipe leaves them to these pages: a refusal is a page.
 */
export async function meetingOrNotFound(
  meetings: MeetingQueries,
  meetingId: string,
  actor: Actor,
  response: Response,
): Promise<MeetingRecordView | undefined> {
  const meeting = await orNotFound(meetings.meeting(meetingId, actor));
  if (!meeting)
    response
      .status(404)
      .type('html')
      .send(notFoundPage('No such meeting', `The ledger knows no meeting ${meetingId}.`));
  return meeting as MeetingRecordView | undefined;
}

/** Where a recorded form goes back to: the page, with the notice of what was recorded (POST, redirect, GET). */
export function sendRecorded(response: Response, path: string, recorded: string): void {
  response.redirect(303, `${path}?recorded=${recorded}`);
}
