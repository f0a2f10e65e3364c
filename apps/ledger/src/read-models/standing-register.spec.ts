import fc from 'fast-check';
import { bodiesAt, buildDecisionRegister } from '@ledger/governance';
import { StandingRegister } from './standing-register';
import { DATES, history } from './standing-history.testing';

/**
 * Property: at every basis, the register assembled from the parts kept per stream equals the register
 * built from every fact up to that basis (the way every read was answered before), whether the facts
 * were there at start or arrived one at a time, and whatever order the bases are asked in.
 */
describe('the standing register at any basis', () => {
  it('equals the register rebuilt from the facts up to that basis, at every basis', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 40 }), fc.boolean(), (facts, split, backwards) => {
        const register = new StandingRegister();
        const known = Math.min(split, facts.length);
        register.reset(facts.slice(0, known));
        const check = (head: number) => {
          const bases = Array.from({ length: head + 1 }, (_, basis) => basis);
          for (const basis of backwards ? bases.reverse() : bases) {
            const rebuilt = buildDecisionRegister(facts.filter((fact) => fact.position <= basis));
            const assembled = register.at(basis);
            expect(assembled).toEqual(rebuilt);
            for (const at of DATES) expect(bodiesAt(assembled.bodies, at)).toEqual(bodiesAt(rebuilt.bodies, at));
          }
        };
        check(known);
        for (let next = known; next < facts.length; next++) {
          register.add([facts[next]]);
          check(next + 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
