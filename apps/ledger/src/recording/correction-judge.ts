import { canonicalJson, EventStore, streamCategory } from '@ledger/event-store';
import { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import {
  AnyAggregate,
  CorrectedFact,
  correctedFacts,
  civilDateAt,
  CorrectFact,
  decideCorrection,
  DomainError,
  DomainEvent,
  foldEvents,
  StoredFact,
  UnknownReference,
  withCorrectionsApplied,
} from '@ledger/governance';
import { AccessPolicy } from '../access/access-policy';
import { Actor } from '../access/actor';
import { InvalidField } from '../http/ledger-errors';
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
 * The correction must leave a history the rules accept: each corrected fact must be a valid command
 * (its DTO) that its decider would accept at that point, by someone with the authority to record it,
 * and every later fact of the stream must still be accepted after it. Several facts corrected at once
 * are judged as one corrected history: each is decided on the others as corrected.
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
    const { stream } = command.data;
    const aggregate = this.registry.aggregateOfCategory(streamCategory(stream));
    const own = await readStream(this.store, stream, this.cache);
    if (!aggregate || own.events.length === 0) throw new UnknownReference('stream', stream);
    const mayGive = (fact: StoredFact) => dtoFieldsOf(this.declarationRecording(aggregate, fact as DomainEvent).dto);
    const corrections = decideCorrection(command, own.events, mayGive);
    const corrected = correctedFacts(command).map(({ fact, field }) => ({
      ...fact,
      field,
      index: own.facts.findIndex((standing) => standing.id === fact.correctedEventId),
    }));
    const { evolve, initialState, decide } = aggregate.decider;
    const context = new DecisionContextReader(this.store, stream, this.cache, this.clock);

    // Correcting a fact needs the authority its recording needed: as it stands now, and as corrected (below).
    for (const { index } of corrected) {
      const standing = own.facts[index];
      const stateBefore = foldEvents(own.facts.slice(0, index), evolve, initialState());
      await authorise(
        this.access,
        actor,
        this.declarationRecording(aggregate, standing),
        aggregate.commandRecording(standing),
        stateBefore,
        context,
      );
    }

    // Facts before the first corrected one were judged when recorded and do not depend on it; it and those after are judged again.
    const first = Math.min(...corrected.map(({ index }) => index));
    const correctionsAsStored = corrections.map((correction, at) => ({
      ...own.facts[corrected[at].index],
      id: `${corrected[at].correctedEventId}:correction`,
      type: 'FactCorrected',
      data: correction.data,
    }));
    const history = withCorrectionsApplied([...own.events, ...correctionsAsStored]);
    let state = foldEvents(own.facts.slice(0, first), evolve, initialState());
    for (const fact of history.slice(first)) {
      const recorded = aggregate.commandRecording(fact);
      const part = corrected.find(({ correctedEventId }) => correctedEventId === fact.id);
      if (part) {
        const declaration = this.declarationRecording(aggregate, fact);
        const data = await namingPart(part, () =>
          validatedCommandData(declaration, recorded.data as Record<string, unknown>, pathIdsOf(declaration.route)),
        );
        await authorise(this.access, actor, declaration, { ...recorded, data }, state, context);
      }
      // Judged as on the day it was recorded: whether a meeting was yet held (or could still be moved) turns on that day.
      const known = { ...(await context.load(aggregate.reads(recorded, state))), today: civilDateAt(new Date(fact.recordedAt)) };
      // A later fact the corrected ones no longer allow: in the form of several facts, refused as theirs together.
      const judged =
        part ?? (command.data.facts ? { field: 'facts', later: `event ${fact.id} (${fact.type}) recorded after them` } : undefined);
      const decided = await namingPart(judged, async () => decide(recorded, aggregate.withContext(state, known, recorded)));
      if (part) await namingPart(part, async () => assertNoDerivedFieldChanged(part, fact, decided));
      state = evolve(state, fact);
    }
    return { events: corrections, own, context };
  }

  private declarationRecording(aggregate: AnyAggregate, fact: DomainEvent): AggregateCommandDeclaration {
    const declaration = this.registry.declarationOf(aggregate.commandRecording(fact).type);
    if (!declaration?.aggregate) throw new Error(`no declaration records ${fact.type}`);
    return declaration as AggregateCommandDeclaration;
  }
}

/** The fields a command's DTO takes (each carries a validation decorator: the pipe refuses any other). */
function dtoFieldsOf(dto: Type<object>): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((metadata) => metadata.propertyName),
    ),
  ];
}

/**
 * In the form of several facts, a refusal while judging one of them names it (`facts[1]`, an invalid
 * value as `facts[1].changes.vote`); in the form of one fact it is answered as it always was.
 */
async function namingPart<T>(
  part: { field?: string; changes?: Record<string, unknown>; later?: string } | undefined,
  judge: () => Promise<T>,
): Promise<T> {
  const field = part?.field;
  if (field === undefined) return judge();
  try {
    return await judge();
  } catch (error) {
    if (error instanceof InvalidField) {
      const named = Object.prototype.hasOwnProperty.call(part?.changes ?? {}, error.field.split('.')[0])
        ? `${field}.changes.${error.field}`
        : field;
      throw new InvalidField(named, `${named}: ${error.message}`);
    }
    if (error instanceof DomainError && error.field === undefined) {
      const where = part?.later ? `${field}: ${part.later} would no longer be accepted` : field;
      throw new DomainError(error.rule, `${where}: ${error.message}`, error.status, field);
    }
    throw error;
  }
}

/**
 * A field the ledger derives (a tally from the votes, the quorum present) is not the recorder's to give:
 * a correction that changes it must agree with what deciding the corrected command derives.
 */
function assertNoDerivedFieldChanged(corrected: CorrectedFact, fact: DomainEvent, decided: DomainEvent[]): void {
  const derived = (decided[0]?.data ?? {}) as Record<string, unknown>;
  const stored = fact.data as Record<string, unknown>;
  for (const field of Object.keys(corrected.changes ?? {})) {
    if (canonicalJson(derived[field] ?? null) !== canonicalJson(stored[field] ?? null)) {
      throw new DomainError(
        'derived-field',
        `${field} of ${fact.type} is derived by the ledger (${canonicalJson(derived[field] ?? null)}); correct what it is derived from`,
      );
    }
  }
}
