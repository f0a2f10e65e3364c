import { Injectable, NotFoundException } from '@nestjs/common';
import { bodiesAt, BodyKind, bodyView, lineage } from '@ledger/governance';
import { LedgerViews } from '../read-models/ledger-views';

/** Bodies as the ledger knows them: names over time, memberships, and lineage through reorganisations. */
@Injectable()
export class BodyRegisterQueries {
  constructor(private readonly views: LedgerViews) {}

  async body(bodyId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const bodies = this.views.bodyRegister(bodyId, basis);
    const view = bodyView(bodies, bodyId);
    if (!view) throw new NotFoundException(`unknown body: ${bodyId}`);
    return {
      ...view,
      asKnownAt: basis,
      lineage: { predecessors: lineage(bodies, bodyId, 'predecessors'), successors: lineage(bodies, bodyId, 'successors') },
    };
  }

  async bodiesAt(at: string, kind: BodyKind | undefined, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const { bodies } = this.views.register(basis);
    return { at, kind: kind ?? null, asKnownAt: basis, bodies: bodiesAt(bodies, at, kind) };
  }
}
