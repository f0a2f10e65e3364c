import { decideCorrection, reorganisationAggregate } from '@ledger/governance';
import { CorrectFactDto } from '../corrections/dto/correct-fact.dto';
import { RecordMergerDto, RecordTransferSchemeDto } from '../reorganisations/dto/reorganisation.dto';
import { declareCommands, pathIdsOf } from './command-declaration';

/** What a declaration table becomes at run time (what it may be at compile time: test/command-tables.type-test.ts). */
describe('declareCommands', () => {
  const admin = { summary: 'a command', roles: ['admin'] } as const;

  it('declares each command of the table with its feature and aggregate, in the order written', () => {
    const declared = declareCommands('reorganisations', reorganisationAggregate, {
      RecordTransferScheme: { ...admin, dto: RecordTransferSchemeDto, route: 'reorganisations/transfer-schemes' },
      RecordMerger: { ...admin, dto: RecordMergerDto, route: 'reorganisations/mergers' },
    });
    expect(declared.map(({ command, tag, aggregate, route, dto }) => [command, tag, aggregate, route, dto])).toEqual([
      ['RecordTransferScheme', 'reorganisations', reorganisationAggregate, 'reorganisations/transfer-schemes', RecordTransferSchemeDto],
      ['RecordMerger', 'reorganisations', reorganisationAggregate, 'reorganisations/mergers', RecordMergerDto],
    ]);
  });

  it('gives a command judged by a domain function (a correction) no aggregate', () => {
    const [correction] = declareCommands(
      'corrections',
      { judges: decideCorrection },
      { CorrectFact: { ...admin, dto: CorrectFactDto, route: 'corrections' } },
    );
    expect(correction).toEqual({ command: 'CorrectFact', tag: 'corrections', ...admin, dto: CorrectFactDto, route: 'corrections' });
    expect(correction).not.toHaveProperty('aggregate');
  });

  it("reads a route's ids in order", () => {
    expect(pathIdsOf('bodies/:bodyId/memberships/:membershipId/end')).toEqual(['bodyId', 'membershipId']);
    expect(pathIdsOf('corrections')).toEqual([]);
  });
});
