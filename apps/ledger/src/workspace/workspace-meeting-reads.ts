import type { MeetingRecordView } from '@ledger/governance';
import { html } from '@ledger/public-contract';
import type { Response } from 'express';
import { Actor } from '../access/actor';
import { describeLedgerError } from '../http/ledger-exception.filter';
import { MeetingQueries } from '../meetings/meeting-queries';
import { layout } from './workspace-pages';

/** A page for what is not there (a meeting, an item, a fact), signed in. */
export function notFoundPage(title: string, message: string): string {
  return layout({
    title,
    body: html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/workspace">Go to your workspace</a></p>`,
  });
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
  try {
    return (await meetings.meeting(meetingId, actor)) as MeetingRecordView;
  } catch (error) {
    // Refused as the API would refuse it (an unknown meeting, an id that is no ledger id), as a page; a fault stays one.
    const { status } = describeLedgerError(error);
    if (status >= 500) throw error;
    response
      .status(status)
      .type('html')
      .send(notFoundPage('No such meeting', `The ledger knows no meeting ${meetingId}.`));
    return undefined;
  }
}
