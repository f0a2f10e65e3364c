import { Injectable, NotFoundException } from '@nestjs/common';
import { CommissioningFunction } from '@ledger/governance';
import { isKnownFunction } from '@ledger/governance/authority/authority-model';
import { authorityJudge } from '@ledger/governance/authority/authority-judge';
import { decisionView, listDecisions, Reader } from '@ledger/governance/decision-register/decision-view';
import { recommendationView } from '@ledger/governance/decision-register/recommendation-view';
import { Actor } from '../access/actor';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';
import { AUTHORITY_VIEW, REGISTER_VIEW } from '../read-models/views';
import { DecisionsQuery } from '../read-models/query.dto';

/** Confidential (Part 2) text is for officers and auditors; everyone else sees paragraph, summary and outcome. */
const readerOf = (actor: Actor | undefined): Reader => ({ confidential: actor !== undefined });

/** The decision register with its validity verdicts, judged by the authority known at the same basis. */
@Injectable()
export class DecisionRegisterQueries {
  constructor(private readonly views: LedgerViews) {}

  decision(decisionId: string, actor: Actor | undefined, asKnownAt?: string) {
    const basis = this.views.basis(asKnownAt);
    const view = decisionView(this.register(basis), decisionId, this.judge(basis), readerOf(actor));
    if (!view) throw new NotFoundException(`unknown decision: ${decisionId}`);
    return { ...view, asKnownAt: basis };
  }

  decisions(query: DecisionsQuery, actor: Actor | undefined) {
    if (query.function && !isKnownFunction(query.function)) throw new NotFoundException(`unknown function: ${query.function}`);
    const basis = this.views.basis(query.asKnownAt);
    const { bodies } = this.views.view(REGISTER_VIEW, basis);
    if (query.body && !bodies.bodies.has(query.body)) throw new NotFoundException(`unknown body: ${query.body}`);
    const filter = { bodyId: query.body, from: query.from, to: query.to, function: query.function as CommissioningFunction | undefined };
    return { filter, asKnownAt: basis, decisions: listDecisions(this.register(basis), filter, this.judge(basis), readerOf(actor)) };
  }

  recommendation(recommendationId: string, asKnownAt?: string) {
    const basis = this.views.basis(asKnownAt);
    const view = recommendationView(this.register(basis), recommendationId);
    if (!view) throw new NotFoundException(`unknown recommendation: ${recommendationId}`);
    return { ...view, asKnownAt: basis };
  }

  private register(basis: Basis) {
    return this.views.view(REGISTER_VIEW, basis).decisions;
  }

  private judge(basis: Basis) {
    return authorityJudge(this.views.view(AUTHORITY_VIEW, basis));
  }
}
