import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { DecisionRegister, LedgerFact, meetingStream, withMeetings } from '@ledger/governance';
import { Basis } from './basis';
import { MeetingCalendar } from './meeting-calendar.projection';
import { factOf } from './projection';

/**
 * Meetings as known at a basis, folded from their own streams when a reader asks about them: a
 * decision's record is a few dozen events, and its verdict is judged at the reader's basis anyway.
 * The meeting calendar says which meetings a question is about.
 */
@Injectable()
export class MeetingRecords {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly calendar: MeetingCalendar,
  ) {}

  /**
   * `register` with these meetings folded in, and the meetings that approved their minutes. `unrecorded` are facts
   * not in the ledger, folded after the basis (a previewed command's events: how the record would read with them).
   */
  async withMeetings(
    register: DecisionRegister,
    meetingIds: Iterable<string>,
    basis: Basis,
    unrecorded: readonly LedgerFact[] = [],
  ): Promise<DecisionRegister> {
    return withMeetings(register, [...(await this.facts(meetingIds, basis)), ...unrecorded]);
  }

  /** The facts of these meetings and of the meetings that approved their minutes, as known at the basis. */
  async facts(meetingIds: Iterable<string>, basis: Pick<Basis, 'position'>): Promise<LedgerFact[]> {
    const ids = new Set(meetingIds);
    for (const id of this.calendar.minutesApprovedAt([...ids], basis.position)) ids.add(id);
    const streams = await Promise.all([...ids].map((id) => this.store.readStream(meetingStream(id))));
    return streams.flatMap((events) => events.filter((event) => event.globalPosition <= basis.position).map(factOf));
  }
}
