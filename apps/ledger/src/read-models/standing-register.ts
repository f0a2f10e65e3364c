import {
  assembleBodyRegister,
  assembleDecisionRegister,
  BodyEvent,
  bodyStreamPart,
  BodyStreamPart,
  DecisionRegister,
  lastPositionAtOrBefore,
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
  /** By how many of its facts are known: what the stream gives the register then. */
  parts: Map<number, Part>;
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
  private positions: LedgerFact[] = [];
  private readonly registers = new Map<number, DecisionRegister>();

  reset(facts: readonly LedgerFact[]): void {
    this.streams = new Map();
    this.positions = [];
    this.registers.clear();
    this.add(facts);
  }

  add(facts: readonly LedgerFact[]): void {
    for (const fact of facts) {
      const [kind, prefix] = PREFIXES.find(([, prefix]) => fact.stream.startsWith(prefix)) ?? [];
      if (!kind || !prefix) continue;
      let stream = this.streams.get(fact.stream);
      if (!stream) this.streams.set(fact.stream, (stream = { kind, prefix, facts: [], parts: new Map() }));
      stream.facts.push(fact);
      this.positions.push(fact);
    }
  }

  /** The register as known at `position`. */
  at(position: number): DecisionRegister {
    // Named by the number of facts known then: every basis between two facts shares one register.
    const { count: known } = lastPositionAtOrBefore(this.positions, position);
    const kept = this.registers.get(known);
    if (kept) {
      this.registers.delete(known);
      this.registers.set(known, kept);
      return kept;
    }
    const bodies: BodyStreamPart[] = [];
    const successions: RecordedSuccession[][] = [];
    const officer: StandingFact<OfficerDecisionEvent>[][] = [];
    const recommendations: (RecordedRecommendation | undefined)[] = [];
    // Streams in the order of their first fact, as the register's maps are.
    for (const stream of this.streams.values()) {
      const { count } = lastPositionAtOrBefore(stream.facts, position);
      if (count === 0) continue;
      const part = this.part(stream, count);
      if (stream.kind === 'body') bodies.push(part as BodyStreamPart);
      else if (stream.kind === 'reorganisation') successions.push(part as RecordedSuccession[]);
      else if (stream.kind === 'officer') officer.push(part as StandingFact<OfficerDecisionEvent>[]);
      else recommendations.push(part as RecordedRecommendation | undefined);
    }
    const register = assembleDecisionRegister(assembleBodyRegister(bodies, successions), officer, recommendations);
    this.registers.set(known, register);
    if (this.registers.size > REGISTERS_KEPT) this.registers.delete(this.registers.keys().next().value as number);
    return register;
  }

  private part(stream: StreamParts, count: number): Part {
    if (stream.parts.has(count)) {
      const part = stream.parts.get(count);
      stream.parts.delete(count);
      stream.parts.set(count, part);
      return part;
    }
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
    stream.parts.set(count, part);
    if (stream.parts.size > PARTS_KEPT_PER_STREAM) stream.parts.delete(stream.parts.keys().next().value as number);
    return part;
  }
}
