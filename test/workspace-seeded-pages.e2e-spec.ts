import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { startSeededLedger } from './seeded-ledger';
import { signInToWorkspace } from './workspace-session';

/**
 * The workspace's pages of bodies and meetings on the real seeded history (mergers, committees in common, Part 2
 * items, meetings held and moved): every body, its meetings and every meeting renders for an admin, in words.
 */
describe('the workspace on the seeded history', () => {
  jest.setTimeout(120_000);
  let seeded: Awaited<ReturnType<typeof startSeededLedger>>;
  beforeAll(async () => {
    seeded = await startSeededLedger();
  }, 120_000);
  afterAll(() => seeded.ledger.close());

  it('renders every body, its meetings and each meeting recorded, with no identifier left where words belong', async () => {
    const { ledger } = seeded;
    const admin = await signInToWorkspace(ledger, ledger.app.get(ApiKeys).create('admin', [], { person: 'Ada Admin' }).token);
    const home = (await admin.get('/workspace').expect(200)).text;
    const bodies = (await seeded.get('/bodies')).bodies as { id: string; name: string }[];
    expect(bodies.length).toBeGreaterThan(5);
    const meetingIds = new Set<string>();
    for (const body of bodies) {
      expect(home).toContain(`href="/workspace/bodies/${body.id}"`);
      const page = (await admin.get(`/workspace/bodies/${body.id}`).expect(200)).text;
      expect(page).not.toMatch(/undefined|\[object Object\]|NaN/);
      const meetings = (await admin.get(`/workspace/bodies/${body.id}/meetings`).expect(200)).text;
      for (const [, id] of meetings.matchAll(/href="\/workspace\/meetings\/([a-z0-9-]+)"/g)) meetingIds.add(id);
    }
    expect(meetingIds.size).toBeGreaterThan(0);
    for (const id of meetingIds) {
      const page = (await admin.get(`/workspace/meetings/${id}`).expect(200)).text;
      expect(page).not.toMatch(/undefined|\[object Object\]|NaN/);
      expect(page).toMatch(/<dt>Status<\/dt>\s*<dd>(Scheduled|Rescheduled|Held|Cancelled)/);
    }
  });
});
