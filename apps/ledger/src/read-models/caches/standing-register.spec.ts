import fc from 'fast-check';
import { bodiesAt, LedgerFact } from '@ledger/governance';
import { PlainStanding } from '../standing';
import { StandingRegister } from './standing-register';
import { BODIES, DATES, history } from './test/standing-history';

/**
 * Property: at every basis, the register assembled from the parts kept per stream equals the plain one,
 * built from every fact up to that basis (PlainStanding, what LEDGER_READ_CACHE=off answers), whether
 * the facts were there at start or arrived one at a time, and whatever order the bases are asked in.
 */
describe('the standing register at any basis', () => {
  it('equals the register rebuilt from the facts up to that basis, at every basis', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 40 }), fc.boolean(), (facts, split, backwards) => {
        const register = new StandingRegister();
        const plain = new PlainStanding();
        plain.reset('register', facts);
        const known = Math.min(split, facts.length);
        register.reset(facts.slice(0, known));
        const check = (head: number) => {
          const bases = Array.from({ length: head + 1 }, (_, basis) => basis);
          for (const basis of backwards ? bases.reverse() : bases) {
            const rebuilt = plain.register(basis);
            const assembled = register.at(basis);
            // Bodies asked for one at a time (worked out alone), then all of them (assembled in order).
            for (const bodyId of [...BODIES, 'unknown']) {
              expect(assembled.bodies.bodies.has(bodyId)).toBe(rebuilt.bodies.bodies.has(bodyId));
              expect(assembled.bodies.bodies.get(bodyId)).toEqual(rebuilt.bodies.bodies.get(bodyId));
            }
            expect({ ...assembled, bodies: { ...assembled.bodies, bodies: new Map(assembled.bodies.bodies) } }).toEqual(rebuilt);
            expect([...assembled.bodies.bodies.keys()]).toEqual([...rebuilt.bodies.bodies.keys()]);
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

  it('finds a body whose id a correction changed, and takes the stream recorded last when two record the same id', () => {
    const fact = (position: number, stream: string, type: string, data: object): LedgerFact => ({
      id: `e${position}`,
      stream,
      type,
      data,
      position,
      recordedAt: `2026-01-01T00:00:0${position}Z`,
    });
    const established = (bodyId: string, name: string) => ({ bodyId, kind: 'ccg', name, areas: ['halton'], effective: '2013-04-01' });
    const facts = [
      fact(1, 'body-b1', 'BodyEstablished', established('b1', 'First')),
      fact(2, 'body-b0', 'BodyEstablished', established('b0', 'Second')),
      fact(3, 'body-b0', 'FactCorrected', { correctedEventId: 'e2', changes: { bodyId: 'b1' } }),
    ];
    const register = new StandingRegister();
    register.reset(facts);
    const plain = new PlainStanding();
    plain.reset('register', facts);
    for (const basis of [1, 2, 3]) {
      const rebuilt = plain.register(basis);
      for (const bodyId of ['b0', 'b1']) expect(register.at(basis).bodies.bodies.get(bodyId)).toEqual(rebuilt.bodies.bodies.get(bodyId));
    }
    expect(register.at(3).bodies.bodies.get('b1')?.body.name).toBe('Second');
    expect(register.at(3).bodies.bodies.has('b0')).toBe(false);
  });
});
