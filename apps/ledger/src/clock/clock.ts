import { Injectable } from '@nestjs/common';
import { CivilDate, civilDateAt } from '@ledger/governance';

/**
 * The ledger's one "now": the instant, and the civil date it falls on in Europe/London. Whether a
 * meeting can have been held yet, whether a lift of confidentiality has taken effect, and how long a
 * public answer stays the same all turn on today: every rule asks this clock, so a test can move it
 * (`jest.spyOn(app.get(Clock), 'now')`). Transaction time is not read here: the event store stamps it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** The civil date (Europe/London) of `now()`. */
  today(): CivilDate {
    return civilDateAt(this.now());
  }
}
