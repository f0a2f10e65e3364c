import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AppendResult,
  canonicalJson,
  EVENT_STORE,
  EventIdConflict,
  EventStore,
  RecordedEvent,
  SqliteEventStore,
  streamCategory,
  WrongExpectedRevision,
} from '@ledger/event-store';
import {
  AnyAggregate,
  CorrectFact,
  decideCorrection,
  DomainCommand,
  DomainError,
  DomainEvent,
  foldEvents,
  UnknownReference,
  withCorrectionsApplied,
} from '@ledger/governance';
import { AccessPolicy } from '../access/access-policy';
import { Clock } from '../clock/clock';
import { ContentSealing } from '../confidentiality/content-sealing';
import { Actor, Recording } from '../access/actor';
import { AggregateCommandDeclaration, CommandDeclaration, pathIdsOf } from './command-declaration';
import { validatedCommandData } from './command-validation';
import { DecisionContextReader, foldFacts, readStream, StreamCache, StreamRead } from './decision-context';
import { eventIdFor } from './event-ids';
import { RecordedCommands, RecordedFacts } from './recorded-commands';

export type { RecordedFacts } from './recorded-commands';

/** One command on its way into the ledger, from HTTP, an import line or the seed alike. */
export class RecordCommand {
  constructor(
    readonly declaration: CommandDeclaration,
    /** Validated by the declaration's DTO, with the route's ids. */
    readonly data: Record<string, unknown>,
    readonly recording: Recording,
  ) {}
}

/** Where the pipeline finds the declaration behind a command type, and the aggregate behind a stream. */
export abstract class CommandRegistry {
  abstract declarationOf(command: string): CommandDeclaration | undefined;
  abstract aggregateOfCategory(category: string): AnyAggregate | undefined;
}

/**
 * The one write pipeline. A command: authorise (role, and the bodies its aggregate says it is recorded
 * for), load its stream and the streams its decision reads, decide, append at the revisions read — of
 * the stream written and of every other stream read — so nothing the decision rested on can change in
 * between. A correction: the corrected history is judged by the same declarations, DTOs and deciders.
 *
 * EXACTLY ONCE. Before anything is decided, the store is asked whether this command id was recorded
 * (RecordedCommands): found, the answer is rebuilt from its events (the same 201 body as the first
 * time), or refused as `idempotency-key-reused` if the command differs.
 *
 * One command per stream at a time in this process: commands on a busy stream wait their turn instead
 * of losing the race for its revision, and each reads only what the one before it appended. On the
 * embedded store, which writes appends in the order they are made, the turn passes on as soon as a
 * command's append is queued: the next command decides on the stream as that append will leave it (the
 * tip, kept after it is durable too) and appends at the revision and last event id after it, so both can
 * share one group commit. If the earlier append is refused, or another process wrote the stream since,
 * the later one fails its expectation, writing nothing, and is decided again on what the store holds.
 */
@CommandHandler(RecordCommand)
export class RecordCommandHandler implements ICommandHandler<RecordCommand, RecordedFacts> {
  private readonly cache = new StreamCache();
  private readonly turns = new Map<string, Promise<void>>();
  /** Per stream: how it will stand once the append queued last is durable, and that append. */
  private readonly tips = new Map<string, Tip>();
  /** Commands on their way into the store, by command id: an attempt made meanwhile shares the answer. */
  private readonly inFlight = new Map<string, Promise<RecordedFacts>>();
  private readonly speculates: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: AccessPolicy,
    private readonly registry: CommandRegistry,
    private readonly recorded: RecordedCommands,
    private readonly sealing: ContentSealing,
    private readonly clock: Clock,
  ) {
    this.speculates = store instanceof SqliteEventStore;
  }

  async execute({ declaration, data, recording }: RecordCommand): Promise<RecordedFacts> {
    const earlier = this.inFlight.get(recording.commandId);
    if (earlier) {
      const shared = await earlier.catch(() => undefined);
      if (shared) return shared;
    }
    const attempt = this.record(declaration, data, recording);
    this.inFlight.set(recording.commandId, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(recording.commandId) === attempt) this.inFlight.delete(recording.commandId);
    }
  }

  private async record(declaration: CommandDeclaration, data: Record<string, unknown>, recording: Recording): Promise<RecordedFacts> {
    const commandHash = this.recorded.hashOf(declaration.command, data);
    const command: DomainCommand = { type: declaration.command, data };
    const stream = declaration.aggregate ? declaration.aggregate.streamOf(command) : String(data.stream);
    const hashed = { ...recording, commandHash };
    for (let attempt = 0; ; attempt++) {
      // Decided on a tip whose append was refused: decide again, after a few tries only on what is durable.
      const onTip = this.speculates && attempt < 3;
      try {
        // In its turn: a retry waiting behind its own first attempt then finds it recorded.
        return await this.inTurn(stream, async (passOn) => {
          const earlier = await this.recorded.find(recording.commandId, commandHash);
          if (earlier) return earlier;
          if (!declaration.aggregate) {
            await this.durableTip(stream);
            return this.correct({ type: 'CorrectFact', data } as unknown as CorrectFact, hashed);
          }
          if (!onTip) await this.durableTip(stream);
          return this.decide(declaration as AggregateCommandDeclaration, command, stream, hashed, passOn);
        });
      } catch (error) {
        if (error instanceof DecidedOnRefusedTip) continue;
        // Another attempt of the same command got there first (two retries racing): its answer is this one's.
        if (error instanceof EventIdConflict) {
          const raced = await this.recorded.find(recording.commandId, commandHash);
          if (raced) return raced;
        }
        throw error;
      }
    }
  }

  private async decide(
    declaration: AggregateCommandDeclaration,
    command: DomainCommand,
    stream: string,
    recording: HashedRecording,
    passOn: () => void,
  ): Promise<RecordedFacts> {
    const aggregate = declaration.aggregate;
    const tip = this.tips.get(stream);
    const own = tip?.read ?? (await readStream(this.store, stream, this.cache));
    const state = tip ? tip.state : foldFacts(own, aggregate.decider.evolve, aggregate.decider.initialState, this.cache);
    const context = new DecisionContextReader(this.store, stream, this.cache, this.clock);
    await this.authorise(recording.actor, declaration, command, state, context);
    const events = aggregate.decider.decide(
      command,
      aggregate.withContext(state, await context.load(aggregate.reads(command, state)), command),
    );
    const newEvents = this.eventsOf(stream, events, own.events, recording);
    const lastEvent = own.events[own.events.length - 1];
    const appended = this.store.append(stream, newEvents, own.revision === -1 ? 'no-stream' : own.revision, {
      readConditions: await context.conditions(),
      // On a tip, the revision alone could be reached by another writer's events if the tip's append is refused.
      ...(lastEvent ? { expectedLastEventId: lastEvent.id } : {}),
    });
    let mine: Tip | undefined;
    if (this.speculates) {
      // The append is queued (the embedded store queues it before returning): the next command may decide on its outcome.
      const facts = newEvents.map((event, index): RecordedEvent => ({
        ...event,
        metadata: event.metadata,
        stream,
        streamRevision: own.revision + 1 + index,
        globalPosition: 0,
        recordedAt: '',
      }));
      const tipped: Tip = {
        read: { events: [...own.events, ...facts], revision: own.revision + facts.length, facts: [...own.facts, ...facts] },
        state: facts.reduce((folded, fact) => aggregate.decider.evolve(folded, fact as never), state),
        // Kept once durable (the next command decides on it without reading or folding the stream again); dropped if refused.
        durable: appended.then(
          () => undefined,
          () => {
            if (this.tips.get(stream) === tipped) this.tips.delete(stream);
          },
        ),
      };
      mine = tipped;
      this.tips.delete(stream);
      this.tips.set(stream, mine);
      if (this.tips.size > TIPS_KEPT) this.tips.delete(this.tips.keys().next().value as string);
      passOn();
    }
    try {
      const result = await appended;
      this.sealing.recorded(events);
      return this.factsOf(stream, newEvents, result);
    } catch (error) {
      // Decided on a tip: its append was refused, or another writer moved the stream since it was kept.
      if (tip && error instanceof WrongExpectedRevision && error.stream === stream) {
        if (this.tips.get(stream) === tip) this.tips.delete(stream);
        throw new DecidedOnRefusedTip();
      }
      throw error;
    }
  }

  /** Waits until the append queued last on `stream` is durable or refused, and forgets the tip: what the store holds is the stream. */
  private async durableTip(stream: string): Promise<void> {
    const tip = this.tips.get(stream);
    if (!tip) return;
    await tip.durable;
    // This command holds the stream's turn: nobody set another tip meanwhile.
    if (this.tips.get(stream) === tip) this.tips.delete(stream);
  }

  /** Runs `work` after every earlier command on `stream` in this process has finished or passed its turn on. */
  private async inTurn<T>(stream: string, work: (passOn: () => void) => Promise<T>): Promise<T> {
    const before = this.turns.get(stream) ?? Promise.resolve();
    let passOn!: () => void;
    const turn = new Promise<void>((resolve) => (passOn = resolve));
    this.turns.set(stream, turn);
    void turn.then(() => {
      if (this.turns.get(stream) === turn) this.turns.delete(stream);
    });
    const mine = before.then(() => work(passOn));
    void mine.then(passOn, passOn);
    return mine;
  }

  /**
   * The correction must leave a history the rules accept: the corrected fact must be a valid command
   * (its DTO) that its decider would accept at that point, by someone with the authority to record it,
   * and every later fact of the stream must still be accepted after it.
   */
  private async correct(command: CorrectFact, recording: HashedRecording): Promise<RecordedFacts> {
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
    await this.authorise(
      recording.actor,
      this.declarationRecording(aggregate, standing),
      aggregate.commandRecording(standing),
      stateBefore,
      context,
    );

    // Facts before the corrected one were judged when recorded and do not depend on it; it and those after are judged again.
    const correctionAsStored = { ...standing, id: `${correctedEventId}:correction`, type: 'FactCorrected', data: correction[0].data };
    const history = withCorrectionsApplied([...own.events, correctionAsStored]);
    let state = stateBefore;
    for (const fact of history.slice(original)) {
      const recorded = aggregate.commandRecording(fact);
      if (fact.id === correctedEventId) {
        const declaration = this.declarationRecording(aggregate, fact);
        const data = await validatedCommandData(declaration, recorded.data as Record<string, unknown>, pathIdsOf(declaration.route));
        await this.authorise(recording.actor, declaration, { ...recorded, data }, state, context);
      }
      const decided = decide(recorded, aggregate.withContext(state, await context.load(aggregate.reads(recorded, state)), recorded));
      if (fact.id === correctedEventId) assertNoDerivedFieldChanged(command, fact, decided);
      state = evolve(state, fact);
    }
    return this.append(stream, correction, own, recording, context);
  }

  private declarationRecording(aggregate: AnyAggregate, fact: DomainEvent): AggregateCommandDeclaration {
    const declaration = this.registry.declarationOf(aggregate.commandRecording(fact).type);
    if (!declaration?.aggregate) throw new Error(`no declaration records ${fact.type}`);
    return declaration as AggregateCommandDeclaration;
  }

  private async authorise(
    actor: Actor,
    declaration: AggregateCommandDeclaration,
    command: DomainCommand,
    state: unknown,
    context: DecisionContextReader,
  ): Promise<void> {
    await this.access.assertRole(actor, declaration.roles, declaration.command);
    if (actor.role === 'officer') await this.access.assertMayRecordFor(actor, declaration.aggregate.recordedFor(command, state), context);
  }

  private async append(
    stream: string,
    events: DomainEvent[],
    own: StreamRead,
    recording: HashedRecording,
    context: DecisionContextReader,
  ): Promise<RecordedFacts> {
    const newEvents = this.eventsOf(stream, events, own.events, recording);
    const result = await this.store.append(stream, newEvents, own.revision === -1 ? 'no-stream' : own.revision, {
      readConditions: await context.conditions(),
    });
    this.sealing.recorded(events);
    return this.factsOf(stream, newEvents, result);
  }

  /** The events as stored: content sealed (see confidentiality/), ids from the command id, who and which command in the metadata. */
  private eventsOf(
    stream: string,
    events: DomainEvent[],
    history: readonly RecordedEvent[],
    { actor, commandId, correlationId, commandHash }: HashedRecording,
  ) {
    return this.sealing.seal(stream, events, history).map((event, index) => ({
      id: eventIdFor(commandId, index),
      type: event.type,
      data: event.data,
      metadata: {
        actor: `key:${actor.keyId}`,
        role: actor.role,
        commandId,
        correlationId: correlationId ?? commandId,
        ...(index === 0 ? { commandHash } : {}),
      },
    }));
  }

  private factsOf(stream: string, newEvents: { id: string; type: string }[], result: AppendResult): RecordedFacts {
    return {
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      events: newEvents.map(({ id, type }) => ({ id, type })),
    };
  }
}

/** How a stream will stand once its last queued append is durable (events not yet positioned), and that append's outcome. */
interface Tip {
  read: StreamRead;
  state: unknown;
  durable: Promise<void>;
}

/** Streams whose tip is kept (least recently written go first). */
const TIPS_KEPT = 2000;

/** The command was decided on a tip whose append was then refused: nothing of it was written; decide it again. */
class DecidedOnRefusedTip extends Error {}

type HashedRecording = Recording & { commandHash: string };

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
