import {
  arrangementsOf,
  ArrangementView,
  Authority,
  authorityAt,
  AuthorityJudge,
  authorityJudge,
  AuthorityModel,
  AuthoritySegment,
  authorityTimeline,
  bodyAuthority,
  BodyAuthorityEntry,
  BodyInfo,
  bodyInAuthorityModel,
  BodyRegister,
  buildAuthorityModel,
  buildBodyRegister,
  buildDecisionRegister,
  DecisionRegister,
  FactSources,
  factSources,
  LedgerFact,
} from '@ledger/governance';

/** The fact logs the standing structure is kept in (FACT_LOGS in projection-runner.ts). */
export type FactLog = 'authority' | 'register';

/** What AuthorityQueries and the decision register ask of authority at one basis. */
export interface AuthorityAtBasis {
  authorityAt(fn: string, area: string, at: string): Authority;
  timeline(fn: string, area: string): readonly AuthoritySegment[];
  knownBody(bodyId: string): BodyInfo | undefined;
  bodyAuthority(bodyId: string): Promise<BodyAuthorityEntry[]>;
  judge(): AuthorityJudge;
}

/**
 * The standing structure (bodies, delegations, reorganisations, officer decisions, recommendations) as
 * known at any ledger position, fed with the facts of the fact logs as they arrive. Meetings are not
 * in it: they are folded from their own streams per question (read-models/meeting-records.ts).
 */
export interface Standing {
  reset(log: FactLog, facts: readonly LedgerFact[]): void;
  add(log: FactLog, facts: readonly LedgerFact[]): void;
  /** Who held authority, as known at `position`. */
  authority(position: number): AuthorityAtBasis;
  /** Bodies, successions, officer decisions and recommendations, as known at `position`. */
  register(position: number): DecisionRegister;
  /** A register holding what the ledger knew of one body (record, memberships, lineage) at `position`. */
  bodyRegister(bodyId: string, position: number): BodyRegister;
  /** The arrangements (joint management, joint committees, partnerships…) a body took part in, as known at `position`. */
  arrangements(bodyId: string, position: number): readonly ArrangementView[];
  /** Where every fact of the fact logs comes from, as known at `position` (what `withProvenance` cites). */
  sources(position: number): FactSources;
}

/**
 * The plain answers: every fact up to the position, folded into the domain's models, which answer. This
 * is what every read means; the read cache (caches/, on unless LEDGER_READ_CACHE=off) gives the same
 * answers without folding the whole ledger each time, and the property tests hold it to these.
 */
export class PlainStanding implements Standing {
  private readonly logs: Record<FactLog, LedgerFact[]> = { authority: [], register: [] };

  reset(log: FactLog, facts: readonly LedgerFact[]): void {
    this.logs[log] = [...facts];
  }

  add(log: FactLog, facts: readonly LedgerFact[]): void {
    this.logs[log].push(...facts);
  }

  authority(position: number): AuthorityAtBasis {
    return authorityOf(buildAuthorityModel(this.upTo('authority', position)));
  }

  register(position: number): DecisionRegister {
    return buildDecisionRegister(this.upTo('register', position));
  }

  bodyRegister(_bodyId: string, position: number): BodyRegister {
    return buildBodyRegister(this.upTo('authority', position));
  }

  arrangements(bodyId: string, position: number): readonly ArrangementView[] {
    return arrangementsOf(this.upTo('authority', position), bodyId);
  }

  sources(position: number): FactSources {
    // A fact both logs hold is one fact.
    const facts = new Map([...this.upTo('authority', position), ...this.upTo('register', position)].map((fact) => [fact.id, fact]));
    return factSources([...facts.values()].sort((a, b) => a.position - b.position));
  }

  private upTo(log: FactLog, position: number): LedgerFact[] {
    return this.logs[log].filter((fact) => fact.position <= position);
  }
}

/** The answers of one authority model. */
export function authorityOf(model: AuthorityModel): AuthorityAtBasis {
  return {
    authorityAt: (fn, area, at) => authorityAt(model, fn, area, at),
    timeline: (fn, area) => authorityTimeline(model, fn, area),
    knownBody: (bodyId) => bodyInAuthorityModel(model, bodyId),
    bodyAuthority: async (bodyId) => bodyAuthority(model, bodyId),
    judge: () => authorityJudge(model),
  };
}
