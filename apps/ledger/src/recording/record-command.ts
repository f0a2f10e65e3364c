import { Inject } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CorrectFact, DomainCommand, DomainEvent } from '@ledger/governance';
import { AccessPolicy } from '../access/access-policy';
import { Actor, Recording } from '../access/actor';
import { Clock } from '../clock/clock';
import { ledgerConfig } from '../config/ledger.config';
import { ContentSealing } from '../confidentiality/content-sealing';
import { authorise } from './authorisation';
import { AggregateCommandDeclaration, CommandDeclaration, CommandRegistry } from './command-declaration';
import { CorrectionJudge } from './correction-judge';
import { DecisionContextReader, retriedWhileReadsMove } from './decision-context';
import { answerOf, HashedRecording, RecordedCommands, RecordedFacts, storedEvents } from './recorded-commands';
import { foldFacts, readStream, StreamCache, StreamRead } from './stream-cache';
import { StreamTurns, Turn } from './stream-turns';

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

/**
 * The same command judged and decided but not recorded: the workspace's "check before recording". It passes
 * steps 2–4 (load, authorise, decide) exactly as RecordCommand does and answers the events it would append.
 */
export class PreviewCommand {
  constructor(
    readonly declaration: CommandDeclaration,
    readonly data: Record<string, unknown>,
    readonly actor: Actor,
  ) {}
}

/** What a preview answers: the stream and the events a record would append to it, nothing written. */
export interface PreviewedFacts {
  stream: string;
  events: DomainEvent[];
}

/** What a decision leaves for the append: its events, its own stream as decided on, and the other streams it read. */
interface Decided {
  events: DomainEvent[];
  own: StreamRead;
  context: DecisionContextReader;
}

/**
 * The one write pipeline, every command through the same steps:
 *   1. find it recorded (exactly once: the same command id answers what it recorded, writing nothing);
 *   2. load its stream and fold it (a correction: judged by the corrected fact's rules, correction-judge.ts);
 *   3. authorise (the role, and the bodies its aggregate says it is recorded for);
 *   4. decide, on its state and the other streams the decision reads;
 *   5. seal content and give the events their ids and metadata;
 *   6. append at the revisions read — of the stream written and of every other stream read;
 *   7. answer where the facts went.
 * Around them: one command per stream at a time (stream-turns.ts), and a command whose read stream moved
 * before step 6 decided again, LEDGER_READ_CONDITION_RETRIES times at most, before it is answered 409.
 */
@CommandHandler(RecordCommand)
export class RecordCommandHandler implements ICommandHandler<RecordCommand, RecordedFacts> {
  private readonly cache = new StreamCache();
  private readonly turns: StreamTurns;
  private readonly corrections: CorrectionJudge;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: AccessPolicy,
    registry: CommandRegistry,
    private readonly recorded: RecordedCommands,
    private readonly sealing: ContentSealing,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
    private readonly clock: Clock,
  ) {
    this.turns = new StreamTurns(store);
    this.corrections = new CorrectionJudge(store, access, registry, this.cache, clock);
  }

  async execute({ declaration, data, recording }: RecordCommand): Promise<RecordedFacts> {
    const command: DomainCommand = { type: declaration.command, data };
    const stream = declaration.aggregate ? declaration.aggregate.streamOf(command) : String(data.stream);
    const hashed = { ...recording, commandHash: this.recorded.hashOf(declaration.command, data) };
    return this.recorded.once(hashed, () =>
      retriedWhileReadsMove(this.config.readConditionRetries, () =>
        this.turns.run(stream, (turn) => this.record(declaration, command, stream, hashed, turn), { onTip: !!declaration.aggregate }),
      ),
    );
  }

  /** Steps 2–4 in the stream's turn (so it sees what commands queued before it leave), and nothing after. */
  async preview({ declaration, data, actor }: PreviewCommand): Promise<PreviewedFacts> {
    const command: DomainCommand = { type: declaration.command, data };
    const stream = declaration.aggregate ? declaration.aggregate.streamOf(command) : String(data.stream);
    const { events } = await this.turns.run(
      stream,
      (turn) =>
        declaration.aggregate
          ? this.decide(declaration as AggregateCommandDeclaration, command, stream, actor, turn)
          : this.corrections.judge(command as CorrectFact, actor),
      { onTip: !!declaration.aggregate },
    );
    return { stream, events };
  }

  private async record(
    declaration: CommandDeclaration,
    command: DomainCommand,
    stream: string,
    recording: HashedRecording,
    turn: Turn,
  ): Promise<RecordedFacts> {
    // 1. Found recorded (a retry after a lost answer, a seed run again): the answer it got then.
    const earlier = await this.recorded.find(recording.commandId, recording.commandHash);
    if (earlier) return earlier;
    // 2–4. Load, authorise, decide; a correction is judged by the rules of the fact it corrects.
    const { events, own, context } = declaration.aggregate
      ? await this.decide(declaration as AggregateCommandDeclaration, command, stream, recording.actor, turn)
      : await this.corrections.judge(command as CorrectFact, recording.actor);
    // 5. Seal: content sealed (see confidentiality/), ids from the command id, who and which command in the metadata.
    const read = [...own.events, ...(await context.otherMeetingEvents())];
    await this.sealing.prepare(stream, events, read);
    const newEvents = storedEvents(this.sealing.seal(stream, events, read), recording);
    // 6. Append at the revisions read: the stream's (and its last event id: on a tip the revision alone could be
    //    another writer's), and every other stream's, so nothing the decision rested on can change in between.
    const last = own.events[own.events.length - 1];
    const appending = this.store.append(stream, newEvents, own.revision === -1 ? 'no-stream' : own.revision, {
      readConditions: await context.conditions(),
      ...(last ? { expectedLastEventId: last.id } : {}),
    });
    turn.queued(appending, newEvents);
    const result = await appending.catch(async (error: unknown) => {
      throw await context.told(error);
    });
    await this.sealing.recorded(events);
    // 7. Answer where the facts went.
    return answerOf(stream, newEvents, result);
  }

  private async decide(
    declaration: AggregateCommandDeclaration,
    command: DomainCommand,
    stream: string,
    actor: Actor,
    turn: Turn,
  ): Promise<Decided> {
    const { aggregate } = declaration;
    const { decider } = aggregate;
    // 2. Load the stream and fold it: as the append queued before will leave it (stream-turns.ts), or as stored.
    const own = await turn.load(async () => {
      const read = await readStream(this.store, stream, this.cache);
      return { read, state: foldFacts(read, decider.evolve, decider.initialState, this.cache) };
    }, decider.evolve);
    const context = new DecisionContextReader(this.store, stream, this.cache, this.clock);
    // 3. Authorise: the role, and for an officer the bodies the command is recorded for.
    await authorise(this.access, actor, declaration, command, own.state, context);
    // 4. Decide, on the stream's state and the other streams the decision reads.
    const known = await context.load(aggregate.reads(command, own.state));
    return { events: decider.decide(command, aggregate.withContext(own.state, known, command)), own: own.read, context };
  }
}

@CommandHandler(PreviewCommand)
export class PreviewCommandHandler implements ICommandHandler<PreviewCommand, PreviewedFacts> {
  constructor(private readonly recorder: RecordCommandHandler) {}

  execute(command: PreviewCommand): Promise<PreviewedFacts> {
    return this.recorder.preview(command);
  }
}
