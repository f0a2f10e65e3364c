import { Injectable } from '@nestjs/common';
import { Area, atomicAreas, Authority, isKnownFunction, UnknownReference, withProvenance } from '@ledger/governance';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';

export interface AreaAuthority extends Omit<Authority, 'chain'> {
  areas: Area[];
  chain: Authority['chain'];
}

/** An interval rests on the facts of its chain's links. */
function withChainCited<Segment extends { chain: Authority['chain'] }>(segment: Segment) {
  return { ...segment, citedEvents: [...new Set(segment.chain.flatMap((link) => link.citedEvents))] };
}

/**
 * "Who held authority for F in A at V, as known at T?" An area may be a place: the answer then
 * groups the place's atomic areas by holder, one entry where they all agree.
 */
@Injectable()
export class AuthorityQueries {
  constructor(private readonly views: LedgerViews) {}

  async at(fn: string, area: string, at: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const authority = this.views.authority(basis);
    const areas = this.areas(fn, area);
    if (areas.length === 1 && areas[0] === area) {
      return this.cited({ function: fn, area, at, asKnownAt: basis, ...authority.authorityAt(fn, area, at) }, basis);
    }
    // Areas whose holders and links agree share one answer; the events cited are those of every area in it.
    const answers = new Map<string, AreaAuthority>();
    for (const atomic of areas) {
      const answer = authority.authorityAt(fn, atomic, at);
      const holders = JSON.stringify([
        answer.accountable?.id,
        answer.exercisedBy?.id,
        answer.chain.map(({ body, basis, instrument, from, to }) => [body.id, basis, instrument, from, to]),
      ]);
      const same = answers.get(holders);
      if (!same) {
        answers.set(holders, { areas: [atomic], ...answer });
        continue;
      }
      same.areas.push(atomic);
      same.chain = same.chain.map((link, index) => ({
        ...link,
        citedEvents: [...new Set([...link.citedEvents, ...answer.chain[index].citedEvents])],
      }));
    }
    return this.cited({ function: fn, area, at, asKnownAt: basis, answers: [...answers.values()] }, basis);
  }

  async timeline(fn: string, area: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const authority = this.views.authority(basis);
    const areas = this.areas(fn, area);
    const timelines = areas.map((atomic) => ({ area: atomic, intervals: authority.timeline(fn, atomic) }));
    return this.cited(
      areas.length === 1 && areas[0] === area
        ? { function: fn, area, asKnownAt: basis, intervals: timelines[0].intervals.map(withChainCited) }
        : { function: fn, area, asKnownAt: basis, areas: timelines.map((t) => ({ ...t, intervals: t.intervals.map(withChainCited) })) },
      basis,
    );
  }

  async ofBody(bodyId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const authority = this.views.authority(basis);
    if (!authority.knownBody(bodyId)) throw new UnknownReference('body', `${bodyId}${this.asOf(basis)}`);
    return this.cited({ body: bodyId, asKnownAt: basis, authority: await authority.bodyAuthority(bodyId) }, basis);
  }

  /** Every fact the answer rests on, with its source and how certain it is. */
  private cited<Answer>(answer: Answer, basis: Basis): Answer {
    return withProvenance(answer, this.views.sources(basis));
  }

  private areas(fn: string, area: string): Area[] {
    if (!isKnownFunction(fn)) throw new UnknownReference('function', fn);
    const areas = atomicAreas(area);
    if (!areas) throw new UnknownReference('area or place', area);
    return areas;
  }

  private asOf(basis: Basis): string {
    return basis.asked ? ` (as known at ${basis.asked})` : '';
  }
}
