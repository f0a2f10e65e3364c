import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { Clock } from '../apps/ledger/src/clock/clock';
import { ledgerConfig } from '../apps/ledger/src/config/ledger.config';
import { FAILURES_ALLOWED, THROTTLE_WINDOW_MS } from '../apps/ledger/src/workspace/sign-in-throttle';
import { IDLE_LIMIT_MS, SESSION_LIMIT_MS } from '../apps/ledger/src/workspace/workspace-sessions';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Signing in to the officers' workspace: a session cookie for a valid officer's or admin's key, one answer to
 * every other key (throttled), sessions that end (idle, in all, signed out, key revoked), and a CSRF token on
 * every state-changing form. Time is moved with the ledger's Clock, never slept.
 */
const COOKIE = 'ledger_workspace';
const source = { title: 'Workspace test source' };

describe('signing in to the workspace', () => {
  let ledger: LedgerTestApp;
  let keys: ApiKeys;
  let now: number;
  let officer: { keyId: string; token: string };
  beforeAll(async () => {
    ledger = await startLedger();
    keys = ledger.app.get(ApiKeys);
    now = Date.parse('2026-03-02T09:00:00Z');
    jest.spyOn(ledger.app.get(Clock), 'now').mockImplementation(() => new Date(now));
    await ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send({ bodyId: 'nhs-test-ccg', kind: 'ccg', name: 'NHS Test CCG', areas: ['vale-royal'], effective: '2013-04-01', source })
      .expect(201);
    officer = keys.create('officer', ['nhs-test-ccg'], { person: 'Olive Officer' });
  });
  afterAll(() => ledger.close());

  /** The session cookie a response sets, and its attributes. */
  const setCookie = (response: { headers: Record<string, unknown> }) => {
    const header = ([] as string[])
      .concat((response.headers['set-cookie'] as string[] | undefined) ?? [])
      .find((c) => c.startsWith(`${COOKIE}=`));
    if (!header) return undefined;
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    return { value: pair.slice(COOKIE.length + 1), attributes: attributes.map((a) => a.toLowerCase()) };
  };
  const csrfIn = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1];

  /** The sign-in form's session: its cookie and the form's token. */
  const openForm = async () => {
    const response = await ledger.http().get('/workspace/sign-in').expect(200);
    return { cookie: setCookie(response)!.value, csrf: csrfIn(response.text)! };
  };
  const submit = (form: { cookie: string; csrf?: string }, key: string) =>
    ledger
      .http()
      .post('/workspace/sign-in')
      .set('Cookie', `${COOKIE}=${form.cookie}`)
      .type('form')
      .send({ ...(form.csrf !== undefined ? { csrf: form.csrf } : {}), key });
  const signIn = async (token: string) => {
    const response = await submit(await openForm(), token).expect(303);
    expect(response.headers.location).toBe('/workspace');
    const cookie = setCookie(response)!.value;
    const home = await ledger.http().get('/workspace').set('Cookie', `${COOKIE}=${cookie}`).expect(200);
    return { cookie, csrf: csrfIn(home.text)! };
  };
  const home = (cookie: string) => ledger.http().get('/workspace').set('Cookie', `${COOKIE}=${cookie}`);
  const signOut = (cookie: string, csrf?: string) =>
    ledger
      .http()
      .post('/workspace/sign-out')
      .set('Cookie', `${COOKIE}=${cookie}`)
      .type('form')
      .send(csrf === undefined ? {} : { csrf });

  it('serves the sign-in form: a password field with a label, a CSRF token, a strict CSP, no framing', async () => {
    const response = await ledger.http().get('/workspace/sign-in').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toMatch(/<label for="key">Your ledger key<\/label>/);
    expect(response.text).toMatch(/<input\s+id="key"\s+name="key"\s+type="password"/);
    expect(csrfIn(response.text)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.text).not.toMatch(/<script|<style|style=/);
    const css = await ledger.http().get('/workspace/assets/workspace.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('signs in an officer: 303 to /workspace with a new HttpOnly, SameSite=Strict cookie; the home page names person, role and bodies', async () => {
    const form = await openForm();
    const response = await submit(form, officer.token).expect(303);
    expect(response.headers.location).toBe('/workspace');
    const cookie = setCookie(response)!;
    expect(cookie.value).not.toBe(form.cookie);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/workspace']));
    expect(cookie.attributes).not.toContain('secure');
    const page = (await home(cookie.value).expect(200)).text;
    expect(page).toContain('Olive Officer');
    expect(page).toMatch(/Officer: records for the bodies below/);
    expect(page).toContain('<li>nhs-test-ccg</li>');
    expect(page).toMatch(/<form method="post" action="\/workspace\/sign-out">/);
    // The form's session is over once signed in: it cannot sign in again.
    await submit(form, officer.token).expect(403);
  });

  it('marks the cookie Secure when LEDGER_COOKIE_SECURE=true (a TLS proxy in front)', async () => {
    const config = ledger.app.get(ledgerConfig.KEY) as { cookieSecure: boolean };
    config.cookieSecure = true;
    try {
      const response = await ledger.http().get('/workspace/sign-in').expect(200);
      expect(setCookie(response)!.attributes).toContain('secure');
    } finally {
      config.cookieSecure = false;
    }
  });

  it('answers an unknown key, a revoked key, an auditor key and a malformed one the same way: 401, one message, no session', async () => {
    const revoked = keys.create('officer', ['nhs-test-ccg'], { person: 'Rita Revoked' });
    keys.revoke(revoked.keyId);
    const unknown = `ldg_${'a'.repeat(12)}_${revoked.token.slice('ldg_'.length + 13)}`;
    const auditor = keys.create('auditor', [], { person: 'Aldo Auditor' }).token;
    const form = await openForm();
    const answers = [];
    for (const key of [unknown, revoked.token, auditor, 'not a key']) {
      const response = await submit(form, key).expect(401);
      expect(setCookie(response)).toBeUndefined();
      answers.push(response.text);
    }
    expect(answers[0]).toContain('The key was not accepted');
    expect(new Set(answers).size).toBe(1);
    await ledger.http().get('/workspace').set('Cookie', `${COOKIE}=${form.cookie}`).expect(303);
    // The four failures count against the address; a right key clears them.
    await submit(form, officer.token).expect(303);
  });

  it(`throttles an address after ${FAILURES_ALLOWED} wrong keys, even for a right key, until the window ends`, async () => {
    const form = await openForm();
    for (let attempt = 0; attempt < FAILURES_ALLOWED; attempt++) await submit(form, 'ldg_000000000000_wrong').expect(401);
    const throttled = await submit(form, officer.token).expect(429);
    expect(throttled.text).toMatch(/Too many keys were not accepted from this connection\. Try again in 15 minutes\./);
    expect(setCookie(throttled)).toBeUndefined();
    now += THROTTLE_WINDOW_MS;
    const form2 = await openForm();
    await submit(form2, officer.token).expect(303);
  });

  it("refuses a sign-in without the form token or with another form session's (403)", async () => {
    const [mine, theirs] = [await openForm(), await openForm()];
    await submit({ cookie: mine.cookie }, officer.token).expect(403);
    const foreign = await submit({ cookie: mine.cookie, csrf: theirs.csrf }, officer.token).expect(403);
    expect(foreign.text).toContain('This form has expired');
    expect(setCookie(foreign)).toBeUndefined();
  });

  it('ends a session after 30 minutes idle, and after 8 hours in all however busy', async () => {
    const idle = await signIn(officer.token);
    now += IDLE_LIMIT_MS - 1000;
    await home(idle.cookie).expect(200);
    now += IDLE_LIMIT_MS;
    const ended = await home(idle.cookie).expect(303);
    expect(ended.headers.location).toBe('/workspace/sign-in');

    const busy = await signIn(officer.token);
    const started = now;
    while (now + IDLE_LIMIT_MS / 2 < started + SESSION_LIMIT_MS) {
      now += IDLE_LIMIT_MS / 2;
      await home(busy.cookie).expect(200);
    }
    now = started + SESSION_LIMIT_MS;
    await home(busy.cookie).expect(303);
  });

  it("refuses a form without its CSRF token or with another session's (403, nothing written), and signs out with it", async () => {
    const [mine, theirs] = [await signIn(officer.token), await signIn(officer.token)];
    await ledger.expectNothingWritten(async () => {
      expect((await signOut(mine.cookie)).status).toBe(403);
      const foreign = await signOut(mine.cookie, theirs.csrf);
      expect(foreign.status).toBe(403);
      expect(foreign.text).toContain('This form has expired');
    });
    await home(mine.cookie).expect(200);
    const out = await signOut(mine.cookie, mine.csrf).expect(303);
    expect(out.headers.location).toBe('/workspace/sign-in');
    await home(mine.cookie).expect(303);
    await home(theirs.cookie).expect(200);
  });

  it('refuses a revoked key at once: on the API (401, the one error shape) and in its open session', async () => {
    const leaver = keys.create('officer', ['nhs-test-ccg'], { person: 'Leo Leaver' });
    const session = await signIn(leaver.token);
    const appoint = (membershipId: string) =>
      ledger
        .http()
        .post('/bodies/nhs-test-ccg/memberships')
        .set('Authorization', `Bearer ${leaver.token}`)
        .send({ membershipId, member: { seat: 'Lay member' }, role: 'member', voting: true, from: '2013-04-01', source });
    await appoint('lay-1').expect(201);
    keys.revoke(leaver.keyId);
    await ledger.expectNothingWritten(async () => {
      const refused = await appoint('lay-2').expect(401);
      expect(refused.body).toEqual({ statusCode: 401, error: expect.any(String), rule: 'key-invalid', message: expect.any(String) });
    });
    await home(session.cookie).expect(303);
  });

  it('answers hostile forms with a 4xx page, never a 5xx, and writes nothing', async () => {
    const form = await openForm();
    const cookie = `${COOKIE}=${form.cookie}`;
    await ledger.expectNothingWritten(async () => {
      const answers = [
        await ledger
          .http()
          .post('/workspace/sign-in')
          .set('Cookie', cookie)
          .type('form')
          .send(`csrf=${form.csrf}&key=${'x'.repeat(30_000)}`),
        await ledger.http().post('/workspace/sign-in').set('Cookie', cookie).type('form').send(`csrf=${form.csrf}&key=a&key=b`),
        await ledger.http().post('/workspace/sign-in').set('Cookie', cookie).type('form').send(`csrf=${form.csrf}&key=%ZZ`),
        await ledger
          .http()
          .post('/workspace/sign-in')
          .set('Cookie', cookie)
          .send({ csrf: form.csrf, key: { $ne: null } }),
        await ledger
          .http()
          .post('/workspace/sign-in')
          .set('Cookie', `${COOKIE}=${'%'.repeat(500)}`)
          .type('form')
          .send('csrf=&key='),
        await ledger.http().post('/workspace/sign-out').set('Cookie', cookie).type('form').send('csrf[]=1'),
        await ledger.http().get('/workspace').set('Cookie', `${COOKIE}=__proto__`),
      ];
      for (const answer of answers) {
        expect(answer.status).toBeGreaterThanOrEqual(300);
        expect(answer.status).toBeLessThan(500);
      }
      expect(answers.map(({ status }) => status)).toEqual([400, 401, 401, 403, 403, 303, 303]);
    });
  });

  it('names the key and its person in every event it records', async () => {
    await ledger.settled();
    const changes = await ledger.http().get('/ledger/changes').set('Authorization', ledger.keys.auditor).expect(200);
    const byLeaver = (changes.body.changes as { key: string; person: string; about: string }[]).filter((c) => c.person === 'Leo Leaver');
    expect(byLeaver).toHaveLength(1);
    expect(byLeaver[0].key).toMatch(/^[0-9a-f]{12}$/);
    const established = (changes.body.changes as { person: string; type: string }[]).find((c) => c.type === 'BodyEstablished');
    expect(established?.person).toBe('Ada Admin');
  });
});
