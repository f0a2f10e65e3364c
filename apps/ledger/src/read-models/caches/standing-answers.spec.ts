import fc from 'fast-check';
import { ArrangementView, BodyRegister, bodyView, lineage, CommissioningFunction } from '@ledger/governance';
import { AuthorityAtBasis, PlainStanding } from '../standing';
import { StandingAnswers } from './standing-answers';
import { AREAS, arrangementHistory, BODIES, DATES, FUNCTIONS, history } from './test/standing-history';

/**
 * Property: at every basis, the answers kept incrementally (one small model per question) equal the
 * plain ones, of the whole model built from every fact up to that basis (PlainStanding, what
 * LEDGER_READ_CACHE=off answers; histories: test/standing-history.ts).
 */
/** Everything each question answers at one basis, from one source of answers. */
async function everything(
  answers: AuthorityAtBasis,
  registerOf: (bodyId: string) => BodyRegister,
  arrangementsOf: (bodyId: string) => readonly ArrangementView[],
) {
  const judge = answers.judge();
  const bodies = [];
  // A body's authority is asked separately: it lets other requests in while it works.
  for (const bodyId of [...BODIES, 'unknown']) bodies.push([answers.knownBody(bodyId) ?? null, await answers.bodyAuthority(bodyId)]);
  return {
    timelines: FUNCTIONS.flatMap((fn) => AREAS.map((area) => answers.timeline(fn, area))),
    points: FUNCTIONS.flatMap((fn) => AREAS.flatMap((area) => DATES.map((at) => answers.authorityAt(fn, area, at)))),
    judged: (FUNCTIONS as CommissioningFunction[]).flatMap((fn) =>
      AREAS.flatMap((area) => DATES.map((at) => [judge.accountable(fn, area, at), judge.exercisedBy(fn, area, at)])),
    ),
    bodies,
    register: [...BODIES, 'unknown'].map((bodyId) => {
      const register = registerOf(bodyId);
      return [bodyView(register, bodyId) ?? null, lineage(register, bodyId, 'predecessors'), lineage(register, bodyId, 'successors')];
    }),
    arrangements: [...BODIES, 'unknown'].map(arrangementsOf),
  };
}

describe('authority answers at any basis', () => {
  it.each([
    ['any history', history],
    ['histories of arrangements and the seats held in them', arrangementHistory],
  ])('equal those of the whole model rebuilt from the facts up to that basis, at every basis (%s)', async (_, histories) => {
    await fc.assert(
      fc.asyncProperty(histories, fc.integer({ min: 0, max: 40 }), async (facts, split) => {
        // Some facts known at start, the rest arriving one at a time, asked about at every basis as they do.
        const answers = new StandingAnswers();
        const plain = new PlainStanding();
        plain.reset('authority', facts);
        const known = Math.min(split, facts.length);
        answers.reset(facts.slice(0, known));
        const check = async (head: number) => {
          for (let basis = 0; basis <= head; basis++) {
            const kept = await everything(
              answers.at(basis),
              (bodyId) => answers.bodyRegister(bodyId, basis),
              (bodyId) => answers.arrangements(bodyId, basis),
            );
            const plainly = await everything(
              plain.authority(basis),
              (bodyId) => plain.bodyRegister(bodyId, basis),
              (bodyId) => plain.arrangements(bodyId, basis),
            );
            expect(kept).toEqual(plainly);
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
