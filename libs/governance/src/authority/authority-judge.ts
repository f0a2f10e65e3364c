import { AuthorityJudge } from '../decision-register/verdict';
import { CivilDate } from '../shared/civil-date';
import { Authority, AuthorityModel, authorityAt, ChainLink } from './authority-model';

/** The decision register's view of authority, answered by the authority model of the same basis. */
export function authorityJudge(model: AuthorityModel): AuthorityJudge {
  return authorityJudgeOf((fn, area, at) => authorityAt(model, fn, area, at));
}

/** The same, answered by any source of point answers (one model per question, at one basis). */
export function authorityJudgeOf(answer: (fn: string, area: string, at: CivilDate) => Authority): AuthorityJudge {
  const cite = (chain: readonly ChainLink[]) => [...new Set(chain.flatMap((link) => link.citedEvents))];
  const holder = (answer: Authority, body: Authority['accountable']) =>
    body ? { bodyId: body.id, citedEvents: cite(answer.chain) } : null;
  return {
    exercisedBy: (fn, area, at) => {
      const found = answer(fn, area, at);
      return holder(found, found.exercisedBy);
    },
    accountable: (fn, area, at) => {
      const found = answer(fn, area, at);
      return holder(found, found.accountable);
    },
  };
}
