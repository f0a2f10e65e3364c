import { Injectable } from '@nestjs/common';
import { BodyEvent, BodyState, bodyStream, EstablishedBody, evolveBody, KnownBodies } from '@ledger/governance';
import { LedgerWriter } from './ledger-writer';

/** Loads the bodies a command names from their own streams; unknown ids are simply absent. */
@Injectable()
export class BodyDirectory {
  constructor(private readonly writer: LedgerWriter) {}

  async load(bodyIds: Iterable<string>): Promise<Map<string, EstablishedBody>> {
    const bodies = new Map<string, EstablishedBody>();
    await Promise.all(
      [...new Set(bodyIds)].map(async (bodyId) => {
        const { state } = await this.writer.load<BodyState, BodyEvent>(bodyStream(bodyId), {
          evolve: evolveBody,
          initialState: () => ({ recorded: false }),
        });
        if (state.recorded) bodies.set(bodyId, state);
      }),
    );
    return bodies;
  }

  /** The body and every body it is (transitively) a committee of. */
  async lineOfParents(bodyId: string): Promise<string[]> {
    const line: string[] = [];
    let current: string | undefined = bodyId;
    while (current && !line.includes(current)) {
      line.push(current);
      const known: KnownBodies = await this.load([current]);
      current = known.get(current)?.parentBodyId;
    }
    return line;
  }
}
