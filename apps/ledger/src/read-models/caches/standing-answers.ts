import {
  arrangementsOf,
  ArrangementView,
  authorityAt,
  authorityJudgeOf,
  AuthorityModel,
  authorityTimeline,
  BodyAuthorityEntry,
  bodyAuthorityIn,
  BodyRegister,
  buildAuthorityModel,
  buildBodyRegister,
  bodyInAuthorityModel,
  LedgerFact,
} from '@ledger/governance';
import { LRUCache } from 'lru-cache';
import type { AuthorityAtBasis } from '../standing';
import { AuthoritySources, lastPositionAtOrBefore, Sources } from './authority-sources';

/** Models kept: each answers one question (a function in an area, or one body) at one basis. */
const MODELS_KEPT = 1024;

/** What a kept model is: an authority model, a body's register, or a body's arrangements. */
type Answer = AuthorityModel | BodyRegister | readonly ArrangementView[];

/**
 * Authority, and a body's record and lineage, at any basis without building the whole ledger's model. Each question is answered by a
 * model of the facts it can rest on (AuthoritySources, kept as facts arrive), up to the newest of
 * those facts at or before the basis. That fact's position names the model, so every basis between
 * two facts a question rests on shares one model, kept until it is the least recently used; a basis
 * costs a binary search, and a model not kept costs the question's own facts, not the ledger's.
 * (The alternative, whole models at checkpoints plus a fold, still costs the whole ledger's model
 * per checkpoint, and the model is not built to be folded into.)
 */
export class StandingAnswers {
  private sources = new AuthoritySources();
  private readonly models = new LRUCache<string, Answer>({ max: MODELS_KEPT });

  reset(facts: readonly LedgerFact[]): void {
    this.sources = new AuthoritySources(facts);
    this.models.clear();
  }

  add(facts: readonly LedgerFact[]): void {
    for (const fact of facts) this.sources.add(fact);
  }

  /**
   * The body register holding what `bodyView` and `lineage` say of the body as known at `position`:
   * its stream and its whole lineage's reorganisations (not the other bodies' memberships).
   */
  bodyRegister(bodyId: string, position: number): BodyRegister {
    return this.model(`register\u0000${bodyId}`, this.sources.forBody(bodyId), position, buildBodyRegister);
  }

  /** The arrangements the body took part in as known at `position`, from the streams they can rest on alone. */
  arrangements(bodyId: string, position: number): readonly ArrangementView[] {
    return this.model(`arrangements\u0000${bodyId}`, this.sources.forArrangements(bodyId), position, (facts) =>
      arrangementsOf(facts, bodyId),
    );
  }

  /** The answers as known at `position`. */
  at(position: number): AuthorityAtBasis {
    const pair = (fn: string, area: string) =>
      this.model(`${fn}\u0000${area}`, this.sources.forPair(fn, area), position, buildAuthorityModel);
    return {
      authorityAt: (fn, area, at) => authorityAt(pair(fn, area), fn, area, at),
      timeline: (fn, area) => authorityTimeline(pair(fn, area), fn, area),
      knownBody: (bodyId) =>
        bodyInAuthorityModel(this.model(`body\u0000${bodyId}`, this.sources.forBody(bodyId), position, buildAuthorityModel), bodyId),
      bodyAuthority: async (bodyId) => {
        // In the order `bodyAuthority` gives: by function, then area; only where the body can appear.
        const { functions, areas } = this.sources.pairsNamed();
        const entries: BodyAuthorityEntry[] = [];
        let looked = 0;
        for (const fn of functions.sort()) {
          for (const area of areas.sort()) {
            // Each pair's sources are looked up again after a write: let other requests in every few.
            if (++looked % 16 === 0) await new Promise(setImmediate);
            if (!this.sources.forPair(fn, area).bodies.has(bodyId)) continue;
            // A timeline not yet worked out at this basis costs a few milliseconds: let other requests in between.
            if (!this.isKept(`${fn}\u0000${area}`, this.sources.forPair(fn, area), position)) await new Promise(setImmediate);
            entries.push(...bodyAuthorityIn(pair(fn, area), bodyId, fn, area));
          }
        }
        return entries;
      },
      judge: () => authorityJudgeOf((fn, area, at) => authorityAt(pair(fn, area), fn, area, at)),
    };
  }

  private isKept(question: string, sources: Sources, position: number): boolean {
    return this.models.has(`${question}\u0000${lastPositionAtOrBefore(sources.facts, position).position}`);
  }

  private model<Model extends Answer>(
    question: string,
    sources: Sources,
    position: number,
    build: (facts: readonly LedgerFact[]) => Model,
  ): Model {
    const { position: newest, count } = lastPositionAtOrBefore(sources.facts, position);
    const key = `${question}\u0000${newest}`;
    let model = this.models.get(key);
    if (!model) this.models.set(key, (model = build(sources.facts.slice(0, count))));
    return model as Model;
  }
}
