import { canonicalJson, EventStore, streamCategory } from '@ledger/event-store';
import {
  AnyAggregate,
  civilDateAt,
  CorrectFact,
  decideCorrection,
  DomainError,
  DomainEvent,
  foldEvents,
  UnknownReference,
  withCorrectionsApplied,
} from '@ledger/governance';
import { AccessPolicy } from '../access/access-policy';
import { Actor } from '../access/actor';
import { authorise } from './authorisation';
import { AggregateCommandDeclaration, CommandRegistry, pathIdsOf } from './command-declaration';
import { validatedCommandData } from './command-validation';
import { Clock } from '../clock/clock';
import { DecisionContextReader } from './decision-context';
import { readStream, StreamCache, StreamRead } from './stream-cache';

/** A correction judged: its events, the stream as it was read, and the reader of every other stream the judging read. */
export interface JudgedCorrection {
  events: DomainEvent[];
  own: StreamRead;
  context: DecisionContextReader;
}

/**
 * The correction must leave a history the rules accept: the corrected fact must be a valid command
 * (its DTO) that its decider would accept at that point, by someone with the authority to record it,
 * and every later fact of the stream must still be accepted after it.
 */
export class CorrectionJudge {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessPolicy,
    private readonly registry: CommandRegistry,
    private readonly cache: StreamCache,
    private readonly clock: Clock,
  ) {}

  async judge(command: CorrectFact, actor: Actor): Promise<JudgedCorrection> {
    const { stream, correctedEventId } = command.data;
    const aggregate = this.registry.aggregateOfCategory(streamCategory(stream));
    const own = await readStream(this.store, stream, this.cache);
    if (!aggregate || own.events.length === 0) throw new UnknownReference('stream', stream);
    const correction = decideCorrection(command, own.events);
    const { evolve, initialState, decide } = aggregate.decider;

    // Correcting a fact needs the authority its recording needed: as it stands now, and as corrected (below).
    const original = own.facts.findIndex((fact) => fact.id === correctedEventId);
    const standing = own.facts[original];
    const stateBefore = foldEvents(own.facts.slice(0, original), evolve, initialState());
    const context = new DecisionContextReader(this.store, stream, this.cache, this.clock);
    const standingCommand = aggregate.commandRecording(standing);
    await authorise(this.access, actor, this.declarationRecording(aggregate, standing), standingCommand, stateBefore, context);

    // Facts before the corrected one were judged when recorded and do not depend on it; it and those after are judged again.
    const correctionAsStored = { ...standing, id: `${correctedEventId}:correction`, type: 'FactCorrected', data: correction[0].data };
    const history = withCorrectionsApplied([...own.events, correctionAsStored]);
    let state = stateBefore;
    for (const fact of history.slice(original)) {
      const recorded = aggregate.commandRecording(fact);
      if (fact.id === correctedEventId) {
        const declaration = this.declarationRecording(aggregate, fact);
        const data = await validatedCommandData(declaration, recorded.data as Record<string, unknown>, pathIdsOf(declaration.route));
        await authorise(this.access, actor, declaration, { ...recorded, data }, state, context);
      }
      // Judged as on the day it was recorded: whether a meeting was yet held (or could still be moved) turns on that day.
      const known = { ...(await context.load(aggregate.reads(recorded, state))), today: civilDateAt(new Date(fact.recordedAt)) };
      const decided = decide(recorded, aggregate.withContext(state, known, recorded));
      if (fact.id === correctedEventId) assertNoDerivedFieldChanged(command, fact, decided);
      state = evolve(state, fact);
    }
    return { events: correction, own, context };
  }

  private declarationRecording(aggregate: AnyAggregate, fact: DomainEvent): AggregateCommandDeclaration {
    const declaration = this.registry.declarationOf(aggregate.commandRecording(fact).type);
    if (!declaration?.aggregate) throw new Error(`no declaration records ${fact.type}`);
    return declaration as AggregateCommandDeclaration;
  }
}

/**
 * A field the ledger derives (a tally from the votes, the quorum present) is not the recorder's to give:
 * a correction that changes it must agree with what deciding the corrected command derives.
 */
function assertNoDerivedFieldChanged(command: CorrectFact, fact: DomainEvent, decided: DomainEvent[]): void {
  const derived = (decided[0]?.data ?? {}) as Record<string, unknown>;
  const stored = fact.data as Record<string, unknown>;
  for (const field of Object.keys(command.data.changes ?? {})) {
    if (canonicalJson(derived[field] ?? null) !== canonicalJson(stored[field] ?? null)) {
      throw new DomainError(
        'derived-field',
        `${field} of ${fact.type} is derived by the ledger (${canonicalJson(derived[field] ?? null)}); correct what it is derived from`,
      );
    }
  }
}
