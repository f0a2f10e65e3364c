/**
 * A recorded event as the read side sees it: the domain event, plus where it sits in the ledger's
 * order (`position`) and when the ledger learned it (`recordedAt`). A view "as known at" a position is
 * built from the facts up to that position, corrections included; later facts never change it.
 */
export interface LedgerFact {
  id: string;
  stream: string;
  type: string;
  data: unknown;
  position: number;
  recordedAt: string;
}

/** The facts of one stream, in order, with that stream's corrections applied (see corrections/correction.ts). */
export type StreamFacts = readonly LedgerFact[];
