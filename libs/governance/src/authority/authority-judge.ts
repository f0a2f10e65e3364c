import { AuthorityJudge } from '../decision-register/verdict';
import { Authority, AuthorityModel, authorityAt, ChainLink } from './authority-model';

/** The decision register's view of authority, answered by the authority model of the same basis. */
export function authorityJudge(model: AuthorityModel): AuthorityJudge {
  const cite = (chain: readonly ChainLink[]) => [...new Set(chain.flatMap((link) => link.citedEvents))];
  const holder = (answer: Authority, body: Authority['accountable']) =>
    body ? { bodyId: body.id, citedEvents: cite(answer.chain) } : null;
  return {
    exercisedBy: (fn, area, at) => {
      const answer = authorityAt(model, fn, area, at);
      return holder(answer, answer.exercisedBy);
    },
    accountable: (fn, area, at) => {
      const answer = authorityAt(model, fn, area, at);
      return holder(answer, answer.accountable);
    },
  };
}
