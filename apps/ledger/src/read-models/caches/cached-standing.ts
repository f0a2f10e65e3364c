import { ArrangementView, BodyRegister, DecisionRegister, FactSources, LedgerFact } from '@ledger/governance';
import { AuthorityAtBasis, FactLog, Standing } from '../standing';
import { FactSourceIndex } from './fact-source-index';
import { StandingAnswers } from './standing-answers';
import { StandingRegister } from './standing-register';

/**
 * The standing structure's answers at any basis, from structures kept as the facts arrive, instead of
 * folding every fact up to the basis for each read (PlainStanding, which these must equal): authority and
 * a body's register per question (StandingAnswers), the register per stream (StandingRegister), and
 * every fact's provenance by position (FactSourceIndex).
 */
export class CachedStanding implements Standing {
  private readonly answers = new StandingAnswers();
  private readonly standingRegister = new StandingRegister();
  private readonly factSources: Record<FactLog, FactSourceIndex> = { authority: new FactSourceIndex(), register: new FactSourceIndex() };

  reset(log: FactLog, facts: readonly LedgerFact[]): void {
    this.factSources[log] = new FactSourceIndex(facts);
    if (log === 'authority') this.answers.reset(facts);
    else this.standingRegister.reset(facts);
  }

  add(log: FactLog, facts: readonly LedgerFact[]): void {
    for (const fact of facts) this.factSources[log].add(fact);
    if (log === 'authority') this.answers.add(facts);
    else this.standingRegister.add(facts);
  }

  authority(position: number): AuthorityAtBasis {
    return this.answers.at(position);
  }

  register(position: number): DecisionRegister {
    return this.standingRegister.at(position);
  }

  bodyRegister(bodyId: string, position: number): BodyRegister {
    return this.answers.bodyRegister(bodyId, position);
  }

  arrangements(bodyId: string, position: number): readonly ArrangementView[] {
    return this.answers.arrangements(bodyId, position);
  }

  sources(position: number): FactSources {
    const known = [this.factSources.authority.at(position), this.factSources.register.at(position)];
    return { get: (id) => known.map((sources) => sources.get(id)).find((found) => found !== undefined) };
  }
}
