import fc from 'fast-check';
import {
  authorityAt,
  authorityJudge,
  authorityTimeline,
  bodyAuthority,
  bodyInAuthorityModel,
  BodyRegister,
  bodyView,
  buildAuthorityModel,
  buildBodyRegister,
  lineage,
  CommissioningFunction,
  LedgerFact,
} from '@ledger/governance';
import { StandingAnswers } from './standing-answers';

/**
 * Property: at every basis, the answers kept incrementally (one small model per question) equal those
 * of the whole model built from every fact up to that basis, the way every read was answered before.
 * Histories are random facts over a few bodies, functions and areas: holdings, memberships, renames, dissolutions,
 * delegations (varied, revoked, sub-delegated), mergers and transfer schemes, and corrections of any
 * of them (changing who, what, where or when, or withdrawing the fact).
 */
const BODIES = ['b0', 'b1', 'b2', 'b3', 'b4'];
const FUNCTIONS = ['community-health-services', 'continuing-healthcare', 'public-health'];
const AREAS = ['vale-royal', 'west-cheshire', 'halton'];
const DATES = ['2013-04-01', '2014-01-01', '2015-06-01', '2016-04-01', '2018-01-01', '2020-07-01'];

const date = fc.constantFrom(...DATES);
const body = fc.constantFrom(...BODIES);
const someOf = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const delegationId = fc.constantFrom('d0', 'd1', 'd2');
const instrument = { kind: 'scheme-of-reservation-and-delegation', reference: 'SoRD' };

type Draft = { stream: string; type: string; data: Record<string, unknown> };

const draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ id: body, effective: date, n: fc.integer({ min: 0, max: 2 }) }).map(({ id, effective, n }) => ({
    stream: `body-${id}`,
    type: 'BodyEstablished',
    data: { bodyId: id, kind: 'ccg', name: `CCG ${id} ${n}`, areas: [AREAS[n]], effective },
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
    fc.record({ predecessorBodyIds: someOf(BODIES) }),
    fc.record({ bodyId: body }),
    fc.record({ successorBodyId: body }),
  ),
});

const history = fc
  .array(fc.oneof({ arbitrary: draft, weight: 5 }, { arbitrary: correction, weight: 1 }), { minLength: 1, maxLength: 40 })
  .map((steps) => {
    const facts: LedgerFact[] = [];
    for (const step of steps) {
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

/** Everything each question answers at one basis, from one source of answers. */
function everything(answer: {
  timeline: (fn: string, area: string) => unknown;
  at: (fn: string, area: string, at: string) => unknown;
  body: (bodyId: string) => unknown;
  authority: (bodyId: string) => unknown;
  register: (bodyId: string) => BodyRegister;
}) {
  return {
    timelines: FUNCTIONS.flatMap((fn) => AREAS.map((area) => answer.timeline(fn, area))),
    points: FUNCTIONS.flatMap((fn) => AREAS.flatMap((area) => DATES.map((at) => answer.at(fn, area, at)))),
    bodies: [...BODIES, 'unknown'].map((bodyId) => [answer.body(bodyId), answer.authority(bodyId)]),
    register: [...BODIES, 'unknown'].map((bodyId) => {
      const register = answer.register(bodyId);
      return [bodyView(register, bodyId) ?? null, lineage(register, bodyId, 'predecessors'), lineage(register, bodyId, 'successors')];
    }),
  };
}

describe('authority answers at any basis', () => {
  it('equal those of the whole model rebuilt from the facts up to that basis, at every basis', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 40 }), (facts, split) => {
        // Some facts known at start, the rest arriving one at a time, asked about at every basis as they do.
        const answers = new StandingAnswers();
        const known = Math.min(split, facts.length);
        answers.reset(facts.slice(0, known));
        const check = (head: number) => {
          for (let basis = 0; basis <= head; basis++) {
            const model = buildAuthorityModel(facts.filter((fact) => fact.position <= basis));
            const register = buildBodyRegister(facts.filter((fact) => fact.position <= basis));
            const oracle = everything({
              timeline: (fn, area) => authorityTimeline(model, fn, area),
              at: (fn, area, at) => authorityAt(model, fn, area, at),
              body: (bodyId) => bodyInAuthorityModel(model, bodyId) ?? null,
              authority: (bodyId) => bodyAuthority(model, bodyId),
              register: () => register,
            });
            const kept = answers.at(basis);
            const judge = kept.judge();
            const incremental = everything({
              timeline: (fn, area) => kept.timeline(fn, area),
              at: (fn, area, at) => kept.authorityAt(fn, area, at),
              body: (bodyId) => kept.knownBody(bodyId) ?? null,
              authority: (bodyId) => kept.bodyAuthority(bodyId),
              register: (bodyId) => answers.bodyRegister(bodyId, basis),
            });
            expect(incremental).toEqual(oracle);
            const wholeJudge = authorityJudge(model);
            for (const fn of FUNCTIONS as CommissioningFunction[])
              for (const area of AREAS)
                for (const at of DATES) {
                  expect(judge.accountable(fn, area, at)).toEqual(wholeJudge.accountable(fn, area, at));
                  expect(judge.exercisedBy(fn, area, at)).toEqual(wholeJudge.exercisedBy(fn, area, at));
                }
          }
        };
        check(known);
        for (let next = known; next < facts.length; next++) {
          answers.add([facts[next]]);
          check(next + 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
