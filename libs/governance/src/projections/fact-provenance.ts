import { withCorrectionsApplied } from '../corrections/correction';
import { Provenance, Source } from '../shared/source';
import { LedgerFact } from './ledger-fact';

/** Where one fact an answer rests on comes from, and how far a reader may lean on it. */
export interface FactSource {
  /** The event's id and ledger position. */
  event: string;
  position: number;
  source: Source;
  /** The fact's date is not given to the day by its source. */
  approximate: boolean;
  /** The fact (a seat, venue, quorum, meeting) illustrates; no source documents it. */
  illustrative: boolean;
}

/**
 * What every fact-bearing node of an answer carries beside its `citedEvents`: each fact's source, and
 * whether any of them is approximate or illustrative (so a reader can mark the value without reading the list).
 */
export interface AnswerProvenance {
  approximate: boolean;
  illustrative: boolean;
  facts: FactSource[];
}

/** The facts an answer may cite, by event id. */
export type FactSources = Pick<ReadonlyMap<string, FactSource>, 'get'>;

/** One fact's provenance, as its data (after corrections) gives it. */
export function provenanceOf(fact: LedgerFact): FactSource {
  const { source, dateCertainty } = fact.data as Partial<Provenance>;
  return {
    event: fact.id,
    position: fact.position,
    source: source ?? { title: 'no source recorded' },
    approximate: dateCertainty === 'approximate',
    illustrative: source?.illustrative === true,
  };
}

/**
 * Every fact by id, corrections applied: a correction may change a fact's `dateCertainty` or source, and
 * the corrections themselves are cited too (with their own sources).
 */
export function factSources(facts: readonly LedgerFact[]): Map<string, FactSource> {
  const sources = new Map<string, FactSource>();
  for (const fact of facts) sources.set(fact.id, provenanceOf(fact));
  // Corrections apply across the facts given whatever their streams (they name the event they correct).
  const asRecorded = new Set(facts);
  for (const fact of withCorrectionsApplied(facts)) if (!asRecorded.has(fact)) sources.set(fact.id, provenanceOf(fact));
  return sources;
}

/**
 * The answer with `provenance` beside every `citedEvents` it holds, at any depth: one walk for every
 * view, so no answer can carry a fact without saying where it comes from. The answer is copied, never
 * changed (views share their parts with the models they come from).
 */
export function withProvenance<Answer>(answer: Answer, ...sources: FactSources[]): Answer {
  const lookup = (id: string) => {
    for (const known of sources) {
      const found = known.get(id);
      if (found) return found;
    }
    return undefined;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = walk(inner);
    const cited = (value as { citedEvents?: unknown }).citedEvents;
    if (Array.isArray(cited)) {
      const facts = cited.flatMap((id) => {
        const found = typeof id === 'string' ? lookup(id) : undefined;
        return found ? [found] : [];
      });
      copy.provenance = {
        approximate: facts.some((fact) => fact.approximate),
        illustrative: facts.some((fact) => fact.illustrative),
        facts,
      } satisfies AnswerProvenance;
    }
    return copy;
  };
  return walk(answer) as Answer;
}

/** What a reader sees beside a value: `~` its date is approximate, `†` it is illustrative (explained once, by PROVENANCE_LEGEND). */
export function provenanceMark(provenance: Pick<AnswerProvenance, 'approximate' | 'illustrative'> | undefined): string {
  if (!provenance) return '';
  return `${provenance.approximate ? '~' : ''}${provenance.illustrative ? '†' : ''}`;
}

export const PROVENANCE_LEGEND = '~ date approximate (the source does not give it to the day); † illustrative (no source documents it)';
