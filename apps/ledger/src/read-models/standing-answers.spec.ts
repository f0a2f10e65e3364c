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
} from '@ledger/governance';
import { StandingAnswers } from './standing-answers';
import { AREAS, BODIES, DATES, FUNCTIONS, history } from './test/standing-history';

/**
 * Property: at every basis, the answers kept incrementally (one small model per question) equal those
 * of the whole model built from every fact up to that basis, the way every read was answered before
 * (histories: test/standing-history.ts).
 */
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
  it('equal those of the whole model rebuilt from the facts up to that basis, at every basis', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 0, max: 40 }), async (facts, split) => {
        // Some facts known at start, the rest arriving one at a time, asked about at every basis as they do.
        const answers = new StandingAnswers();
        const known = Math.min(split, facts.length);
        answers.reset(facts.slice(0, known));
        const check = async (head: number) => {
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
              authority: () => null,
              register: (bodyId) => answers.bodyRegister(bodyId, basis),
            });
            // A body's authority is asked separately: it lets other requests in while it works.
            for (const [index, bodyId] of [...BODIES, 'unknown'].entries()) incremental.bodies[index][1] = await kept.bodyAuthority(bodyId);
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
        await check(known);
        for (let next = known; next < facts.length; next++) {
          answers.add([facts[next]]);
          await check(next + 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
