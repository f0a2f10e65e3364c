import { PublicBody } from '@ledger/public-contract';

/** A body's newest name (its id when unknown): in its own file so the body and decision pages both use it. */
export const bodyName = (body: PublicBody | undefined, id: string) => body?.names[body.names.length - 1]?.name ?? id;
