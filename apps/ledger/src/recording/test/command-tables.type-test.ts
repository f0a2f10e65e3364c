/**
 * Compile-time tests, run by `npm run typecheck` (never executed): a command table that does not match
 * its aggregate's command union must not compile. Each `@ts-expect-error` is an error the type check must
 * find; if a change stopped finding it, the unused directive would fail the type check instead.
 */
import { bodyAggregate, reorganisationAggregate } from '@ledger/governance';
import * as body from '../../bodies/dto/body.dto';
import { RecordMergerDto, RecordTransferSchemeDto } from '../../reorganisations/dto/reorganisation.dto';
import { declareCommands, PathIds } from '../command-declaration';
import { ProvenanceDto } from '../dto/provenance.dto';
import { Same } from '../same-shape';

const admin = { summary: 'a command', roles: ['admin'] } as const;
const RecordMerger = { ...admin, dto: RecordMergerDto, route: 'reorganisations/mergers' } as const;
const RecordTransferScheme = { ...admin, dto: RecordTransferSchemeDto, route: 'reorganisations/transfer-schemes' } as const;

export const declared = declareCommands('reorganisations', reorganisationAggregate, { RecordMerger, RecordTransferScheme });
// @ts-expect-error RecordMergr is not a command of the aggregate
export const misspelt = declareCommands('reorganisations', reorganisationAggregate, { RecordMergr: RecordMerger, RecordTransferScheme });
// @ts-expect-error RecordTransferScheme is not declared
export const missing = declareCommands('reorganisations', reorganisationAggregate, { RecordMerger });
export const foreign = declareCommands('reorganisations', reorganisationAggregate, {
  RecordMerger,
  RecordTransferScheme,
  // @ts-expect-error EstablishBody is the body aggregate's
  EstablishBody: RecordMerger,
});

const otherBodyCommands = {
  DissolveBody: { ...admin, dto: body.DissolveBodyDto, route: 'bodies/:bodyId/dissolution' },
  AssignStatutoryFunctions: { ...admin, dto: body.AssignStatutoryFunctionsDto, route: 'bodies/:bodyId/statutory-functions' },
  AppointMember: { ...admin, dto: body.AppointMemberDto, route: 'bodies/:bodyId/memberships' },
  EndMembership: { ...admin, dto: body.EndMembershipDto, route: 'bodies/:bodyId/memberships/:membershipId/end' },
} as const;
export const bodies = declareCommands('bodies', bodyAggregate, {
  EstablishBody: { ...admin, dto: body.EstablishBodyDto, route: 'bodies' },
  RenameBody: { ...admin, dto: body.RenameBodyDto, route: 'bodies/:bodyId/renamings' },
  ...otherBodyCommands,
});
export const dtoLacksAField = declareCommands('bodies', bodyAggregate, {
  EstablishBody: { ...admin, dto: body.EstablishBodyDto, route: 'bodies' },
  // @ts-expect-error the DTO lacks the new name
  RenameBody: { ...admin, dto: body.DissolveBodyDto, route: 'bodies/:bodyId/renamings' },
  ...otherBodyCommands,
});
export const routeLacksAnId = declareCommands('bodies', bodyAggregate, {
  EstablishBody: { ...admin, dto: body.EstablishBodyDto, route: 'bodies' },
  // @ts-expect-error the route does not give the body's id
  RenameBody: { ...admin, dto: body.RenameBodyDto, route: 'bodies/renamings' },
  ...otherBodyCommands,
});

// Same: what assignability alone lets through (an optional field on one side only) is told apart.
export const same: true[] = [
  true satisfies Same<{ a: string; b?: number }, { a: string; b?: number }>,
  true satisfies Same<{ to?: string | null }, { to?: string | null }>,
  true satisfies Same<{ a: string } & { b: string[] }, { a: string; b: string[] }>,
  true satisfies Same<
    ProvenanceDto,
    {
      source: { title: string; url?: string; reference?: string; contentHash?: string; illustrative?: boolean };
      dateCertainty?: 'exact' | 'approximate';
    }
  >,
];
export const different: false[] = [
  false satisfies Same<{ a: string; b?: number }, { a: string }>,
  false satisfies Same<{ a: string; b: number | undefined }, { a: string; b?: number }>,
  false satisfies Same<{ a: { x: string[] } }, { a: { x: string[]; y?: string } }>,
  false satisfies Same<{ v: { p: string }[] }, { v: { p: string; q?: string }[] }>,
  false satisfies Same<{ vote: string }, { vote: 'for' | 'against' }>,
  false satisfies Same<{ to?: string | null }, { to?: string }>,
];
export const ids: PathIds<'bodies/:bodyId/memberships/:membershipId/end'>[] = ['bodyId', 'membershipId'];
// @ts-expect-error a route's ids are only those it names
export const notAnId: PathIds<'bodies/:bodyId/renamings'> = 'renamings';
