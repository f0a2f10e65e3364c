import fc from 'fast-check';
import { LedgerFact } from '@ledger/governance';

/**
 * Random histories of the standing structure for the read models' property tests: facts over a few
 * bodies, functions and areas (holdings, memberships on behalf of other bodies, renames, dissolutions, delegations varied, revoked
 * and sub-delegated, mergers and transfer schemes, officer decisions, recommendations and responses),
 * and corrections of any of them (changing who, what, where or when, or withdrawing the fact). The
 * deciders are not asked: the read models must give the rebuild's answer for whatever was recorded.
 */
export const BODIES = ['b0', 'b1', 'b2', 'b3', 'b4'];
export const FUNCTIONS = ['community-health-services', 'continuing-healthcare', 'public-health'];
export const AREAS = ['vale-royal', 'west-cheshire', 'halton'];
export const DATES = ['2013-04-01', '2014-01-01', '2015-06-01', '2016-04-01', '2018-01-01', '2020-07-01'];

const date = fc.constantFrom(...DATES);
const body = fc.constantFrom(...BODIES);
const someOf = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const delegationId = fc.constantFrom('d0', 'd1', 'd2');
const instrument = { kind: 'scheme-of-reservation-and-delegation', reference: 'SoRD' };

type Draft = { stream: string; type: string; data: Record<string, unknown> };

const ARRANGEMENT_KIND: Record<string, string> = { b3: 'joint-committee', b4: 'partnership' };

const seatOnBehalf: fc.Arbitrary<Draft> = fc
  .record({ id: fc.constantFrom('b3', 'b4'), m: fc.integer({ min: 0, max: 2 }), from: date, to: fc.option(date), onBehalfOf: body })
  .map(({ id, m, from, to, onBehalfOf }) => ({
    stream: `body-${id}`,
    type: 'MemberAppointed',
    data: {
      bodyId: id,
      membershipId: `${id}-m${m}`,
      member: { seat: `seat ${m}` },
      role: 'party',
      voting: false,
      from,
      to,
      onBehalfOfBodyId: onBehalfOf,
    },
  }));

const draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ n: fc.integer({ min: 0, max: 2 }), by: body, date, functions: someOf(FUNCTIONS) }).map((d) => ({
    stream: `officer-decision-od${d.n}`,
    type: 'OfficerDecisionRecorded',
    data: {
      decisionId: `od${d.n}`,
      officer: 'Director',
      bodyId: d.by,
      date: d.date,
      decision: `decided ${d.n}`,
      functions: d.functions,
      areas: ['halton'],
    },
  })),
  fc.record({ n: fc.integer({ min: 0, max: 1 }), from: body, to: someOf(BODIES), date }).map((d) => ({
    stream: `recommendation-r${d.n}`,
    type: 'RecommendationMade',
    data: {
      recommendationId: `r${d.n}`,
      fromBodyId: d.from,
      toBodyIds: d.to,
      title: 'T',
      proposal: 'P',
      functions: ['public-health'],
      areas: ['halton'],
      date: d.date,
    },
  })),
  fc.record({ n: fc.integer({ min: 0, max: 1 }), by: body, date, agreed: fc.boolean() }).map((d) => ({
    stream: `recommendation-r${d.n}`,
    type: 'BodyRespondedToRecommendation',
    data: { recommendationId: `r${d.n}`, bodyId: d.by, response: d.agreed ? 'approved' : 'referred-back', date: d.date },
  })),
  fc.record({ n: fc.integer({ min: 0, max: 1 }), date }).map((d) => ({
    stream: `recommendation-r${d.n}`,
    type: 'RecommendationRevised',
    data: { recommendationId: `r${d.n}`, proposal: 'P2', date: d.date },
  })),
  // b3 and b4 are arrangements (a joint committee, a partnership) that the others hold seats in.
  fc.record({ id: body, effective: date, n: fc.integer({ min: 0, max: 2 }) }).map(({ id, effective, n }) => ({
    stream: `body-${id}`,
    type: 'BodyEstablished',
    data: { bodyId: id, kind: ARRANGEMENT_KIND[id] ?? 'ccg', name: `CCG ${id} ${n}`, areas: [AREAS[n]], effective },
  })),
  fc.record({ id: body, functions: someOf(FUNCTIONS), areas: someOf(AREAS), from: date, to: fc.option(date) }).map((data) => ({
    stream: `body-${data.id}`,
    type: 'StatutoryFunctionsAssigned',
    data: { bodyId: data.id, functions: data.functions, areas: data.areas, from: data.from, to: data.to, act: 'Act' },
  })),
  fc.record({ id: body, effective: date, n: fc.integer({ min: 0, max: 3 }) }).map(({ id, effective, n }) => ({
    stream: `body-${id}`,
    type: 'BodyRenamed',
    data: { bodyId: id, name: `Renamed ${id} ${n}`, effective },
  })),
  fc
    .record({ id: body, m: fc.integer({ min: 0, max: 2 }), from: date, onBehalfOf: fc.option(body) })
    .map(({ id, m, from, onBehalfOf }) => ({
      stream: `body-${id}`,
      type: 'MemberAppointed',
      data: {
        bodyId: id,
        membershipId: `${id}-m${m}`,
        member: { seat: `seat ${m}` },
        role: 'member',
        voting: true,
        from,
        to: null,
        ...(onBehalfOf ? { onBehalfOfBodyId: onBehalfOf } : {}),
      },
    })),
  fc.record({ id: body, m: fc.integer({ min: 0, max: 2 }), to: date }).map(({ id, m, to }) => ({
    stream: `body-${id}`,
    type: 'MembershipEnded',
    data: { bodyId: id, membershipId: `${id}-m${m}`, to },
  })),
  fc.record({ id: body, effective: date }).map(({ id, effective }) => ({
    stream: `body-${id}`,
    type: 'BodyDissolved',
    data: { bodyId: id, effective },
  })),
  fc
    .record({
      id: delegationId,
      from: body,
      to: body,
      functions: someOf(FUNCTIONS),
      areas: someOf(AREAS),
      start: date,
      end: fc.option(date),
      sub: fc.boolean(),
      parent: fc.option(delegationId),
    })
    .map((d) => ({
      stream: `delegation-${d.id}`,
      type: 'DelegationGranted',
      data: {
        delegationId: d.id,
        delegatorBodyId: d.from,
        delegateBodyId: d.to,
        functions: d.functions,
        areas: d.areas,
        from: d.start,
        to: d.end,
        instrument,
        subDelegationAllowed: d.sub,
        ...(d.parent ? { parentDelegationId: d.parent } : {}),
      },
    })),
  fc.record({ id: delegationId, effective: date, functions: someOf(FUNCTIONS), sub: fc.boolean() }).map((d) => ({
    stream: `delegation-${d.id}`,
    type: 'DelegationVaried',
    data: { delegationId: d.id, effective: d.effective, functions: d.functions, subDelegationAllowed: d.sub },
  })),
  fc.record({ id: delegationId, effective: date }).map((d) => ({
    stream: `delegation-${d.id}`,
    type: 'DelegationRevoked',
    data: { delegationId: d.id, effective: d.effective },
  })),
  fc.record({ n: fc.integer({ min: 0, max: 2 }), ended: someOf(BODIES), heir: body, legalDate: date, lapse: fc.boolean() }).map((r) => ({
    stream: `reorganisation-merger-${r.n}`,
    type: 'MergerRecorded',
    data: {
      reorganisationId: `merger-${r.n}`,
      predecessorBodyIds: r.ended,
      successorBodyId: r.heir,
      legalDate: r.legalDate,
      grantedDelegations: r.lapse ? 'lapse' : 'carry-over',
    },
  })),
  fc
    .record({
      n: fc.integer({ min: 0, max: 1 }),
      ended: someOf(BODIES),
      heir: body,
      legalDate: date,
      functions: fc.option(someOf(FUNCTIONS)),
    })
    .map((r) => ({
      stream: `reorganisation-scheme-${r.n}`,
      type: 'TransferSchemeRecorded',
      data: {
        reorganisationId: `scheme-${r.n}`,
        abolishedBodyIds: r.ended,
        receivingBodyId: r.heir,
        legalDate: r.legalDate,
        ...(r.functions ? { functions: r.functions } : {}),
        source: { title: 'scheme' },
      },
    })),
);

/** A correction of an earlier fact of the same stream, chosen by index once the history exists. */
const correction = fc.record({
  target: fc.nat(),
  withdrawn: fc.boolean(),
  changes: fc.oneof(
    fc.record({ functions: someOf(FUNCTIONS) }),
    fc.record({ areas: someOf(AREAS) }),
    fc.record({ from: date }),
    fc.record({ effective: date }),
    fc.record({ legalDate: date }),
    fc.record({ delegateBodyId: body }),
    fc.record({ delegatorBodyId: body }),
    fc.record({ onBehalfOfBodyId: body }),
    fc.record({ predecessorBodyIds: someOf(BODIES) }),
    fc.record({ bodyId: body }),
    fc.record({ successorBodyId: body }),
    fc.record({ decision: fc.constantFrom('changed', 'withdrawn in part') }),
    fc.record({ toBodyIds: someOf(BODIES) }),
  ),
});

export const history = historyOf(draft);

/** Histories where arrangements (b3, b4) are established first and hold seats on behalf of the other bodies often. */
export const arrangementHistory = historyOf(
  fc.oneof({ arbitrary: draft, weight: 1 }, { arbitrary: seatOnBehalf, weight: 1 }),
  Object.entries(ARRANGEMENT_KIND).map(([id, kind]) => ({
    stream: `body-${id}`,
    type: 'BodyEstablished',
    data: { bodyId: id, kind, name: `Arrangement ${id}`, areas: ['halton'], effective: DATES[0] },
  })),
);

function historyOf(drafts: fc.Arbitrary<Draft>, first: Draft[] = []): fc.Arbitrary<LedgerFact[]> {
  return fc
    .array(fc.oneof({ arbitrary: drafts, weight: 5 }, { arbitrary: correction, weight: 1 }), { minLength: 1, maxLength: 40 })
    .map((steps) => {
      const facts: LedgerFact[] = [];
      for (const step of [...first, ...steps]) {
        const position = facts.length + 1;
        const recordedAt = `2026-01-01T00:00:00.${String(position).padStart(6, '0')}Z`;
        if ('stream' in step) {
          facts.push({ id: `e${position}`, stream: step.stream, type: step.type, data: step.data, position, recordedAt });
          continue;
        }
        const targets = facts.filter((fact) => fact.type !== 'FactCorrected');
        if (targets.length === 0) continue;
        const target = targets[step.target % targets.length];
        const data = step.withdrawn
          ? { correctedEventId: target.id, withdrawn: true }
          : { correctedEventId: target.id, changes: step.changes };
        facts.push({ id: `e${position}`, stream: target.stream, type: 'FactCorrected', data, position, recordedAt });
      }
      return facts;
    });
}
