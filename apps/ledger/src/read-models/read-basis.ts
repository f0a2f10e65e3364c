import { Injectable } from '@nestjs/common';
import { Basis, parseAsKnownAt } from './basis';
import { LedgerViews, ViewDefinition } from './ledger-views';

/** A query's two clocks resolved: the basis (transaction time) its answer is built on, echoed back. */
@Injectable()
export class ReadBasis {
  constructor(private readonly views: LedgerViews) {}

  resolve(asKnownAt: string | undefined): Basis {
    return this.views.basis(parseAsKnownAt(asKnownAt));
  }

  view<Model>(definition: ViewDefinition<Model>, basis: Basis): Model {
    return this.views.view(definition, basis);
  }
}
