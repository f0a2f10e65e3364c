import {
  AuthorityModel,
  BodyRegister,
  buildAuthorityModel,
  buildDecisionRegister,
  DecisionRegister,
  factSources,
  FactSources,
} from '@ledger/governance';
import { ViewDefinition } from './ledger-views';

/** Who held authority when: from the body, delegation and reorganisation facts. */
export const AUTHORITY_VIEW: ViewDefinition<AuthorityModel> = { projection: 'authority', build: buildAuthorityModel };

/** Bodies (names, memberships, lineage) and the decision register, from the facts of the register projection. */
export const REGISTER_VIEW: ViewDefinition<{ bodies: BodyRegister; decisions: DecisionRegister; sources: FactSources }> = {
  projection: 'register',
  build: (facts) => {
    const decisions = buildDecisionRegister(facts);
    return { bodies: decisions.bodies, decisions, sources: factSources(facts) };
  },
};
