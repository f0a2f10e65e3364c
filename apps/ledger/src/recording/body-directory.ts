import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { DecisionContextReader } from './decision-context';

/** The committee structure, as the access policy asks about it: a body and every body it is (transitively) a committee of. */
@Injectable()
export class BodyDirectory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async lineOfParents(bodyId: string): Promise<string[]> {
    const line = [...(await new DecisionContextReader(this.store, '').lineOfParents(bodyId)).keys()];
    // An unrecorded body is still its own line: the policy then names it in the refusal.
    return line.length > 0 ? line : [bodyId];
  }

  /** Whether a body is recorded (an API key may only serve recorded bodies). */
  async exists(bodyId: string): Promise<boolean> {
    return (await new DecisionContextReader(this.store, '').load({ bodies: [bodyId] })).bodies.has(bodyId);
  }
}
