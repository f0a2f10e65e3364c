import {
  assembleBodyRegister,
  indexSuccessions,
  RegisteredBody,
  registeredFrom,
  SuccessionIndex,
  assembleDecisionRegister,
  BodyEvent,
  bodyStreamPart,
  BodyStreamPart,
  DecisionRegister,
  LedgerFact,
  OfficerDecisionEvent,
  RecommendationEvent,
  recommendationRecorded,
  RecordedRecommendation,
  RecordedSuccession,
  ReorganisationEvent,
  StandingFact,
  standingStreams,
  successionsRecorded,
} from '@ledger/governance';
import { LRUCache } from 'lru-cache';
import { lastPositionAtOrBefore } from './authority-sources';
import { namedBy } from './named-by';

/** Registers kept, by basis; and per stream, its parts at the last few lengths asked about. */
const REGISTERS_KEPT = 16;
const PARTS_KEPT_PER_STREAM = 4;

type Kind = 'body' | 'reorganisation' | 'officer' | 'recommendation';
type Part = BodyStreamPart | RecordedSuccession[] | StandingFact<OfficerDecisionEvent>[] | RecordedRecommendation | undefined;

const PREFIXES: [Kind, string][] = [
  ['body', 'body-'],
  ['reorganisation', 'reorganisation-'],
  ['officer', 'officer-decision-'],
  ['recommendation', 'recommendation-'],
];

interface StreamParts {
  kind: Kind;
  prefix: string;
  /** In position order. */
  facts: LedgerFact[];
  /** By how many of its facts are known: what the stream gives the register then (boxed: a stream may give nothing). */
  parts: LRUCache<number, { part: Part }>;
}

function emptyKinds(): Record<Kind, StreamParts[]> {
  return { body: [], reorganisation: [], officer: [], recommendation: [] };
}

/**
 * The bodies of a register at one basis, worked out when asked for: a decision or a body's list asks
 * for a few bodies, which then cost their own streams, not every body's. Going through all of them
 * (a list of bodies) assembles them all, in the register's order.
 */
class BodiesAtBasis implements ReadonlyMap<string, RegisteredBody> {
  private all?: Map<string, RegisteredBody>;
  private readonly asked = new Map<string, RegisteredBody | undefined>();

  constructor(
    private readonly recording: (bodyId: string) => BodyStreamPart[],
    private readonly everyBody: () => BodyStreamPart[],
    private readonly successions: SuccessionIndex,
  ) {}

  get(bodyId: string): RegisteredBody | undefined {
    if (this.all) return this.all.get(bodyId);
    if (!this.asked.has(bodyId)) {
      // As in the whole register: the last stream recording the id is the one that stands.
      let found: RegisteredBody | undefined;
      for (const part of this.recording(bodyId)) {
        const registered = registeredFrom(part, this.successions);
        if (registered?.body.bodyId === bodyId) found = registered;
      }
      this.asked.set(bodyId, found);
    }
    return this.asked.get(bodyId);
  }

  has(bodyId: string): boolean {
    return this.get(bodyId) !== undefined;
  }

  get size(): number {
    return this.assembled().size;
  }

  forEach(visit: (value: RegisteredBody, key: string, map: ReadonlyMap<string, RegisteredBody>) => void): void {
    this.assembled().forEach((value, key) => visit(value, key, this));
  }

  entries() {
    return this.assembled().entries();
  }

  keys() {
    return this.assembled().keys();
  }

  values() {
    return this.assembled().values();
  }

  [Symbol.iterator]() {
    return this.assembled()[Symbol.iterator]();
  }

  private assembled(): Map<string, RegisteredBody> {
    this.all ??= assembleBodyRegister(this.everyBody(), [[...this.successions.all]]).bodies as Map<string, RegisteredBody>;
    return this.all;
  }
}

/**
 * The decision register without meetings (bodies, successions, officer decisions, recommendations) at
 * any basis, kept as facts arrive. Each stream's share of the register depends on that stream's facts
 * alone, so it is worked out once per length of the stream asked about and kept; a register at a basis
 * is those shares assembled, at the length each stream had then. A basis costs the number of streams
 * (not the number of facts, nor the square of a body's memberships), and the same basis is kept.
 */
export class StandingRegister {
  private streams = new Map<string, StreamParts>();
  /** Streams of each kind, in the order of their first fact (the order of the register's maps). */
  private byKind: Record<Kind, StreamParts[]> = emptyKinds();
  /** Body streams by a body id their facts record (corrections included): where a body's record can come from. */
  private recording = new Map<string, StreamParts[]>();
  private positions: LedgerFact[] = [];
  private readonly registers = new LRUCache<number, DecisionRegister>({ max: REGISTERS_KEPT });

  reset(facts: readonly LedgerFact[]): void {
    this.streams = new Map();
    this.byKind = emptyKinds();
    this.recording = new Map();
    this.positions = [];
    this.registers.clear();
    this.add(facts);
  }

  add(facts: readonly LedgerFact[]): void {
    for (const fact of facts) {
      const [kind, prefix] = PREFIXES.find(([, prefix]) => fact.stream.startsWith(prefix)) ?? [];
      if (!kind || !prefix) continue;
      let stream = this.streams.get(fact.stream);
      if (!stream) {
        this.streams.set(fact.stream, (stream = { kind, prefix, facts: [], parts: new LRUCache({ max: PARTS_KEPT_PER_STREAM }) }));
        this.byKind[kind].push(stream);
      }
      // A correction may give a body's record another id: the stream can then hold either body's record.
      for (const bodyId of kind === 'body' ? namedBy(fact, stream.facts).ofBody : []) {
        const streams = this.recording.get(bodyId) ?? [];
        if (!streams.includes(stream)) this.recording.set(bodyId, [...streams, stream]);
      }
      stream.facts.push(fact);
      this.positions.push(fact);
    }
  }

  /** The register as known at `position`. */
  at(position: number): DecisionRegister {
    // Named by the number of facts known then: every basis between two facts shares one register.
    const { count: known } = lastPositionAtOrBefore(this.positions, position);
    const kept = this.registers.get(known);
    if (kept) return kept;
    const partsOf = <P extends Part>(kind: Kind): P[] =>
      this.byKind[kind].flatMap((stream) => {
        const { count } = lastPositionAtOrBefore(stream.facts, position);
        return count === 0 ? [] : [this.part(stream, count) as P];
      });
    const successions = indexSuccessions(partsOf<RecordedSuccession[]>('reorganisation'));
    const bodies = new BodiesAtBasis(
      (bodyId) =>
        (this.recording.get(bodyId) ?? []).flatMap((stream) => {
          const { count } = lastPositionAtOrBefore(stream.facts, position);
          return count === 0 ? [] : [this.part(stream, count) as BodyStreamPart];
        }),
      () => partsOf<BodyStreamPart>('body'),
      successions,
    );
    const register = assembleDecisionRegister(
      { bodies, successions: successions.all },
      partsOf<StandingFact<OfficerDecisionEvent>[]>('officer'),
      partsOf<RecordedRecommendation | undefined>('recommendation'),
    );
    this.registers.set(known, register);
    return register;
  }

  private part(stream: StreamParts, count: number): Part {
    const kept = stream.parts.get(count);
    if (kept) return kept.part;
    // The stream's facts as they stand (corrections applied), up to the basis.
    const standing = standingStreams(stream.facts.slice(0, count), stream.prefix)[0] ?? [];
    const part: Part =
      stream.kind === 'body'
        ? bodyStreamPart(standing as StandingFact<BodyEvent>[])
        : stream.kind === 'reorganisation'
          ? successionsRecorded(standing as StandingFact<ReorganisationEvent>[])
          : stream.kind === 'officer'
            ? (standing as StandingFact<OfficerDecisionEvent>[])
            : recommendationRecorded(standing as StandingFact<RecommendationEvent>[]);
    stream.parts.set(count, { part });
    return part;
  }
}
