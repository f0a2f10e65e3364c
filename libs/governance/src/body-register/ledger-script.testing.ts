import { LedgerFact } from '../projections/ledger-fact';

const source = { title: 'projection test', illustrative: true };

/**
 * Writes facts the way the ledger would hand them to a projection: one position after another, with
 * event ids `e1`, `e2`… Only for tests: it checks no rule (so a test can record what a correction made true).
 */
export class LedgerScript {
  readonly facts: LedgerFact[] = [];

  record(stream: string, type: string, data: Record<string, unknown>): string {
    const position = this.facts.length + 1;
    const id = `e${position}`;
    this.facts.push({
      id,
      stream,
      type,
      data: { source, ...data },
      position,
      recordedAt: new Date(Date.UTC(2024, 0, 1) + position * 1000).toISOString(),
    });
    return id;
  }

  correct(
    stream: string,
    correctedEventId: string,
    changes: Record<string, unknown>,
    reason = 'minutes approved subject to amendments',
  ): string {
    return this.record(stream, 'FactCorrected', { correctedEventId, reason, changes });
  }

  /** The facts as known at a position: what the lead hands a projection for "as known at". */
  knownAt(position: number): LedgerFact[] {
    return this.facts.filter((fact) => fact.position <= position);
  }

  get head(): number {
    return this.facts.length;
  }
}
