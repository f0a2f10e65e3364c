import { useSeededLedger } from './seeded-ledger';

/**
 * The seed's meetings read back (issue 19): the two first meetings the November 2015 Caring Together
 * update gives as scheduled (003 §4), and a seeded meeting read whole with its decision's verdict.
 */
describe('the seeded meetings, read back', () => {
  const { get } = useSeededLedger();

  it('lists the meetings 003 §4 gives as scheduled, by body and by date', async () => {
    const board = await get('/bodies/caring-together-programme-board/meetings');
    expect(board.meetings).toEqual([expect.objectContaining({ id: 'caring-together-programme-board-2015-12-15', date: '2015-12-15' })]);
    // Judged on the day the update was written, both were still to come.
    const then = await get('/meetings?from=2015-11-01&to=2016-01-01&at=2015-11-13');
    expect(then.meetings.map(({ id, status }: { id: string; status: string }) => [id, status])).toEqual([
      ['caring-together-programme-executive-2015-11-17', 'scheduled'],
      ['caring-together-programme-board-2015-12-15', 'scheduled'],
    ]);
  });

  it("reads a seeded meeting whole, its decision's verdict as its own answer gives it", async () => {
    const meeting = await get('/meetings/cheshire-east-osc-2015-07-09');
    expect(meeting).toMatchObject({
      date: '2015-07-09',
      status: 'held',
      attendance: { present: [{ membershipId: 'cheshire-east-osc-member' }] },
    });
    const [decision] = meeting.items[0].decisions;
    const own = await get(`/decisions/${decision.decisionId}`);
    expect(decision.verdict).toEqual(own.verdict);
  });
});
