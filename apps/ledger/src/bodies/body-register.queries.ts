import { Injectable, NotFoundException } from '@nestjs/common';
import { bodiesAt, BodyKind, bodyView, lineage, withProvenance } from '@ledger/governance';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';
import { REGISTER_VIEW } from '../read-models/views';

/** Bodies as the ledger knows them: names over time, memberships, and lineage through reorganisations. */
@Injectable()
export class BodyRegisterQueries {
  constructor(private readonly views: LedgerViews) {}

  async body(bodyId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const { bodies } = this.views.view(REGISTER_VIEW, basis);
    const view = bodyView(bodies, bodyId);
    if (!view) throw new NotFoundException(`unknown body: ${bodyId}`);
    return this.cited(
      {
        ...view,
        asKnownAt: basis,
        lineage: { predecessors: lineage(bodies, bodyId, 'predecessors'), successors: lineage(bodies, bodyId, 'successors') },
      },
      basis,
    );
  }

  async bodiesAt(at: string, kind: BodyKind | undefined, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const { bodies } = this.views.view(REGISTER_VIEW, basis);
    return this.cited({ at, kind: kind ?? null, asKnownAt: basis, bodies: bodiesAt(bodies, at, kind) }, basis);
  }

  /** Every fact the answer rests on, with its source and how certain it is. */
  private cited<Answer>(answer: Answer, basis: Basis): Answer {
    return withProvenance(answer, this.views.view(REGISTER_VIEW, basis).sources);
  }
}
