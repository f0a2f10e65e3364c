import { Injectable } from '@nestjs/common';
import { contentReader, meetingsTodayOf, Reader } from '@ledger/governance';
import { mayReadContentOf } from '../access/access-policy';
import { Actor } from '../access/actor';
import { Clock } from '../clock/clock';
import { MeetingRecords } from '../read-models/meeting-records';
import { LedgerViews } from '../read-models/ledger-views';
import { ContentKeys } from '../confidentiality/content-keys';
import { openText, ownerOf, SEALED_TEXT } from '../confidentiality/sealed-text';

/** What a reader gets in place of content they may not read, or that no longer exists. */
export const WITHHELD = '[confidential]';
export const ERASED = '[erased]';
export const UNAVAILABLE = '[unavailable]';

/**
 * The read side of confidentiality: who may read which content, judged today (the meetings as they now
 * stand, today's date in Europe/London, the reader's rights now) whatever the basis of the answer, and
 * the one place where sealed content is opened for an answer.
 */
@Injectable()
export class ContentDisclosure {
  constructor(
    private readonly views: LedgerViews,
    private readonly meetings: MeetingRecords,
    private readonly keys: ContentKeys,
    private readonly clock: Clock,
  ) {}

  /** The rules on content for this reader, for the meetings an answer is about, as they stand today. */
  async readerFor(actor: Actor | undefined, meetingIds: Iterable<string>): Promise<Reader> {
    const head = await this.views.basis();
    const standing = this.views.register(head);
    const today = await this.meetings.withMeetings(standing, meetingIds, head);
    return contentReader(meetingsTodayOf(today), this.clock.today(), (bodyIds) => mayReadContentOf(actor, bodyIds, standing.bodies));
  }

  /**
   * `answer` with every sealed text opened where this reader may read it, and replaced where not: no
   * answer leaves the ledger with content its reader may not read, whichever view built it.
   */
  async disclose<Answer>(answer: Answer, actor: Actor | undefined): Promise<Answer> {
    const json = JSON.stringify(answer);
    if (json === undefined || !json.includes('sealed:v1:')) return answer;
    const meetingIds = new Set<string>();
    for (const [, owner] of json.matchAll(SEALED_TEXT)) {
      const found = ownerOf(owner);
      if (found) meetingIds.add(found.meetingId);
    }
    return this.discloseWith(answer, await this.readerFor(actor, meetingIds));
  }

  /** The same with the rules already in hand (`reader` must know every meeting the answer's content is of). */
  discloseWith<Answer>(answer: Answer, reader: Reader): Answer {
    // Most answers hold nothing sealed: returned as they are, as disclose does, without a copy.
    if (!holdsSealed(answer)) return answer;
    return mapStrings(answer, (text) =>
      text.includes('sealed:v1:')
        ? text.replace(SEALED_TEXT, (_, encodedOwner: string, payload: string) => {
            const owner = ownerOf(encodedOwner);
            if (!owner || !reader.mayRead(owner)) return WITHHELD;
            if (reader.erased(owner)) return ERASED;
            const opened = openText(this.keys, owner, payload);
            return 'text' in opened ? opened.text : 'erased' in opened ? ERASED : UNAVAILABLE;
          })
        : text,
    ) as Answer;
  }
}

/** Whether any string in a JSON value (object keys aside) is or holds a sealed text. */
function holdsSealed(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('sealed:v1:');
  if (Array.isArray(value)) return value.some(holdsSealed);
  if (value !== null && typeof value === 'object') {
    for (const key in value) if (holdsSealed((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** A copy of a JSON value with every string passed through `map` (object keys stay as they are). */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((element) => mapStrings(element, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, mapStrings(element, map)]));
  }
  return value;
}
