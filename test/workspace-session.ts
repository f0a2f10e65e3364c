import { LedgerTestApp } from './ledger-test-app';

/** The workspace's session cookie, and helpers to use the workspace as a signed-in officer would, by forms. */
export const WORKSPACE_COOKIE = 'ledger_workspace';

export const csrfIn = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1];

/** The cookie value a response sets for the workspace session. */
export function sessionCookieOf(response: { headers: Record<string, unknown> }): string | undefined {
  const header = ([] as string[])
    .concat((response.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((cookie) => cookie.startsWith(`${WORKSPACE_COOKIE}=`));
  return header?.split(';')[0].slice(WORKSPACE_COOKIE.length + 1);
}

/** A signed-in session: GET a page, POST a form (the session's CSRF token added unless `csrf` is given). */
export interface WorkspaceSession {
  cookie: string;
  csrf: string;
  get(path: string): ReturnType<ReturnType<LedgerTestApp['http']>['get']>;
  post(
    path: string,
    form: Record<string, string>,
    options?: { csrf?: string | null },
  ): ReturnType<ReturnType<LedgerTestApp['http']>['post']>;
}

/** Signs in with `token` through the sign-in form, as a browser would. */
export async function signInToWorkspace(ledger: LedgerTestApp, token: string): Promise<WorkspaceSession> {
  const form = await ledger.http().get('/workspace/sign-in').expect(200);
  const formCookie = sessionCookieOf(form)!;
  const signedIn = await ledger
    .http()
    .post('/workspace/sign-in')
    .set('Cookie', `${WORKSPACE_COOKIE}=${formCookie}`)
    .type('form')
    .send({ csrf: csrfIn(form.text)!, key: token })
    .expect(303);
  const cookie = sessionCookieOf(signedIn)!;
  const home = await ledger.http().get('/workspace').set('Cookie', `${WORKSPACE_COOKIE}=${cookie}`).expect(200);
  const csrf = csrfIn(home.text)!;
  return {
    cookie,
    csrf,
    get: (path) => ledger.http().get(path).set('Cookie', `${WORKSPACE_COOKIE}=${cookie}`),
    post: (path, fields, options = {}) => {
      const token = options.csrf === undefined ? csrf : options.csrf;
      return ledger
        .http()
        .post(path)
        .set('Cookie', `${WORKSPACE_COOKIE}=${cookie}`)
        .type('form')
        .send(token === null ? fields : { ...fields, csrf: token });
    },
  };
}
