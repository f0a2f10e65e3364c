import { Injectable } from '@nestjs/common';
import { contentGeneration, ContentOwner, DomainEvent, mapContent, MeetingEvent } from '@ledger/governance';
import { ContentKeys } from './content-keys';
import { contentKeyRef, sealText } from './sealed-text';

type Erased = Extract<MeetingEvent, { type: 'ConfidentialContentErased' }>;

/**
 * The write side of confidentiality: every content text of a meeting fact is sealed under its owner's
 * data key before it reaches the event store, public or Part 2 alike, so that content published in error
 * can still be erased and an item moved into Part 2 later was never in clear in the log.
 */
@Injectable()
export class ContentSealing {
  constructor(private readonly keys: ContentKeys) {}

  /** `events` as stored: content sealed. `history` is the stream as read (for a correction's fact, and the key generation). */
  seal(stream: string, events: readonly DomainEvent[], history: readonly (DomainEvent & { id: string })[]): DomainEvent[] {
    return events.map((event) =>
      mapContent(
        stream,
        event,
        (owner, text) => sealText(this.keys, { ...owner, generation: contentGeneration(history, owner) }, text),
        (eventId) => history.find((fact) => fact.id === eventId),
      ),
    );
  }

  /** Before `seal`: the keys it will seal under, made and stored where every node finds them. */
  async prepare(stream: string, events: readonly DomainEvent[], history: readonly (DomainEvent & { id: string })[]): Promise<void> {
    const refs = new Set<string>();
    for (const event of events)
      mapContent(
        stream,
        event,
        (owner, text) => (refs.add(contentKeyRef({ ...owner, generation: contentGeneration(history, owner) })), text),
        (eventId) => history.find((fact) => fact.id === eventId),
      );
    if (refs.size > 0) await this.keys.prepareToSeal([...refs]);
  }

  /** Once an erasure is recorded, its generation's key goes (the content-rights projection does it again after a crash). */
  async recorded(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) if (event.type === 'ConfidentialContentErased') await this.destroy(event as Erased);
  }

  /** On SQLite the key is gone when this returns; on PostgreSQL once it resolves. */
  destroy({ data: { meetingId, itemId, generation } }: Pick<Erased, 'data'>): Promise<void> {
    const owner: ContentOwner = { meetingId, itemId, generation };
    return this.keys.destroy(contentKeyRef(owner));
  }
}
