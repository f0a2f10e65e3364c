import fc from 'fast-check';
import { streamCategory } from '@ledger/event-store';
import { LedgerFact } from '@ledger/governance';
import { FACT_LOGS } from '../projection-runner';
import { FactLog, PlainStanding, Standing } from '../standing';
import { CachedStanding } from './cached-standing';
import { history } from './test/standing-history';

/** Each fact log's share of `facts`, as the runner gives it. */
function feed(standing: Standing, facts: readonly LedgerFact[], how: 'reset' | 'add'): void {
  for (const log of Object.keys(FACT_LOGS) as FactLog[]) {
    standing[how](
      log,
      facts.filter((fact) => FACT_LOGS[log].includes(streamCategory(fact.stream))),
    );
  }
}

/**
 * Property: the provenance the cached standing cites at every basis (an index of every fact's source by
 * position) is the plain one, worked out from the facts up to that basis. Its answers are those of
 * StandingAnswers and StandingRegister, each held to the plain ones by its own property.
 */
describe('the cached standing at any basis', () => {
  it('cites every fact with the provenance the plain standing gives it, at every basis', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 40 }), (facts, split) => {
        const cached = new CachedStanding();
        const plain = new PlainStanding();
        feed(plain, facts, 'reset');
        const known = Math.min(split, facts.length);
        feed(cached, facts.slice(0, known), 'reset');
        for (const fact of facts.slice(known)) feed(cached, [fact], 'add');
        for (let basis = 0; basis <= facts.length; basis++) {
          const [kept, folded] = [cached.sources(basis), plain.sources(basis)];
          for (const id of [...facts.map((fact) => fact.id), 'unknown']) expect(kept.get(id)).toEqual(folded.get(id));
        }
      }),
      { numRuns: 100 },
    );
  });
});
