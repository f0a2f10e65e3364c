import { Injectable, NotFoundException } from '@nestjs/common';
import { bodiesAt, BodyKind, bodyView, bodyWithOdsCode, everyBody, lineage, withProvenance } from '@ledger/governance';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';

/** Bodies as the ledger knows them: names over time, memberships, lineage through reorganisations, and arrangements. */
@Injectable()
export class BodyRegisterQueries {
  constructor(private readonly views: LedgerViews) {}

  async body(bodyId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const bodies = this.views.bodyRegister(bodyId, basis);
    const view = bodyView(bodies, bodyId);
    if (!view) throw new NotFoundException(`unknown body: ${bodyId}`);
    return this.cited(
      {
        ...view,
        asKnownAt: basis,
        lineage: { predecessors: lineage(bodies, bodyId, 'predecessors'), successors: lineage(bodies, bodyId, 'successors') },
        // Shared teams, joint committees, partnerships: facts about the body beside its lineage, never successions.
        arrangements: this.views.arrangements(bodyId, basis),
      },
      basis,
    );
  }

  /** The bodies that existed on `at`, or every body ever recorded; `odsCode` narrows to the body bearing it. */
  async bodiesAt(at: string | undefined, kind: BodyKind | undefined, odsCode: string | undefined, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const { bodies } = this.views.register(basis);
    const listed: { id: string }[] = at === undefined ? everyBody(bodies, kind) : bodiesAt(bodies, at, kind);
    const coded = odsCode === undefined ? undefined : bodyWithOdsCode(bodies, odsCode);
    return this.cited(
      {
        at: at ?? null,
        kind: kind ?? null,
        odsCode: odsCode ?? null,
        asKnownAt: basis,
        bodies: odsCode === undefined ? listed : listed.filter((body) => body.id === coded),
      },
      basis,
    );
  }

  /** The body bearing an ODS code, as `GET /bodies/:id` answers it. */
  async byOdsCode(odsCode: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const bodyId = bodyWithOdsCode(this.views.register(basis).bodies, odsCode);
    if (!bodyId) throw new NotFoundException(`no body bears the ODS code ${odsCode}`);
    return this.body(bodyId, asKnownAt);
  }

  /** Every fact the answer rests on, with its source and how certain it is. */
  private cited<Answer>(answer: Answer, basis: Basis): Answer {
    return withProvenance(answer, this.views.sources(basis));
  }
}
