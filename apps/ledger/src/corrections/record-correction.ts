import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CorrectFact, decideCorrection, StoredFact, UnknownReference, withCorrectionsApplied } from '@ledger/governance';
import { Actor, Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordCorrection {
  constructor(
    readonly command: CorrectFact,
    readonly recording: Recording,
  ) {}
}

/** Corrections are decided on the stream as stored, earlier corrections included: no aggregate state is folded. */
const UNFOLDED = { evolve: () => null, initialState: () => null };

/**
 * The bodies a fact's data names as the one it is about: `bodyId` (every body fact, a response, an officer
 * decision), `delegatorBodyId` (the accountable body of a delegation), `fromBodyId` (the advisory group of
 * a recommendation) and each `bodies[].bodyId`.
 */
function bodiesNamedIn(data: unknown): string[] {
  const fields = (data ?? {}) as Record<string, unknown>;
  const named = [fields.bodyId, fields.delegatorBodyId, fields.fromBodyId];
  if (Array.isArray(fields.bodies)) named.push(...fields.bodies.map((entry) => (entry as { bodyId?: unknown } | null)?.bodyId));
  return [...new Set(named.filter((id): id is string => typeof id === 'string'))];
}

/**
 * Officers may correct facts about the bodies they serve (and those bodies' committees): the bodies the
 * fact names, both as it stands corrected and as this correction would leave it; a fact that names none
 * (a revision of a recommendation, a correction) is about the bodies named by the fact that opened its
 * stream. A stream whose facts name no body is corrected by admins only.
 */
function bodiesToCorrect(stream: readonly StoredFact[], corrected: StoredFact, changes?: Record<string, unknown>): string[] {
  const named = new Set([...bodiesNamedIn(corrected.data), ...bodiesNamedIn({ ...(corrected.data as object), ...changes })]);
  return named.size > 0 ? [...named] : bodiesNamedIn(stream[0].data);
}

@CommandHandler(RecordCorrection)
export class RecordCorrectionHandler implements ICommandHandler<RecordCorrection, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly access: AccessPolicy,
  ) {}

  async execute({ command, recording }: RecordCorrection): Promise<RecordedFacts> {
    const { stream, correctedEventId, changes } = command.data;
    const { events, revision } = await this.writer.load(stream, UNFOLDED);
    if (events.length === 0) throw new UnknownReference('stream', stream);
    const current = withCorrectionsApplied(events);
    const corrected = current.find((event) => event.id === correctedEventId) ?? events.find((event) => event.id === correctedEventId);
    if (corrected)
      await this.assertMayCorrect(
        recording.actor,
        bodiesToCorrect(current.length > 0 ? current : events, corrected, changes),
        corrected.type,
      );
    return this.writer.append(stream, decideCorrection(command, events), revision, recording);
  }

  private async assertMayCorrect(actor: Actor, bodies: string[], what: string): Promise<void> {
    if (bodies.length === 0) await this.access.assertAdmin(actor, `correcting ${what}`);
    else await this.access.assertMayRecordFor(actor, bodies);
  }
}
