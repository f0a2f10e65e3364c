import { Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Actor } from '../access/actor';
import { ApiKeys } from '../access/api-keys';
import { Clock } from '../clock/clock';

export const IDLE_LIMIT_MS = 30 * 60_000;
export const SESSION_LIMIT_MS = 8 * 60 * 60_000;
/** Open sessions kept at most, of each kind; beyond it the oldest goes (bounded memory whatever is sent). */
const MOST_SESSIONS = 10_000;

interface Session {
  csrf: string;
  /** The key signed in with; none before signing in (the sign-in form's own session). */
  keyId?: string;
  startedAt: number;
  lastSeenAt: number;
}

export interface SignedIn {
  id: string;
  csrf: string;
  actor: Actor;
}

/**
 * Workspace sessions, kept in this process's memory: a restart signs everyone out, and no session id is ever
 * written to disk. A session holds only the key's public id; at every request the key is read again
 * (ApiKeys.holderOf), so a key revoked (by `keys revoke`, in any process) ends its open sessions at once, and a
 * change of its bodies applies at once. A session ends after IDLE_LIMIT_MS unused and SESSION_LIMIT_MS in all,
 * by the injected Clock. Each carries its CSRF token; the sign-in form has a session of its own (without a key),
 * replaced by a new one on signing in, so a session id is never carried across signing in.
 */
@Injectable()
export class WorkspaceSessions {
  private readonly anonymous = new Map<string, Session>();
  private readonly signedIn = new Map<string, Session>();

  constructor(
    private readonly keys: ApiKeys,
    private readonly clock: Clock,
  ) {}

  /** The sign-in form's session: the one `id` names while it is open, else a new one. */
  beforeSignIn(id: string | undefined): { id: string; csrf: string } {
    const open = id === undefined ? undefined : this.live(this.anonymous, id);
    if (open) return { id: id!, csrf: open.csrf };
    return this.open(this.anonymous, undefined);
  }

  /** Whether `csrf` is the token of the sign-in form's open session `id`. */
  signInFormSent(id: string | undefined, csrf: unknown): boolean {
    const open = id === undefined ? undefined : this.live(this.anonymous, id);
    return open !== undefined && sameToken(open.csrf, csrf);
  }

  /** Ends the sign-in form's session `id` and opens a signed-in one for `actor`. */
  signIn(formSession: string | undefined, actor: Actor): { id: string; csrf: string } {
    if (formSession !== undefined) this.anonymous.delete(formSession);
    return this.open(this.signedIn, actor.keyId);
  }

  /** The signed-in session `id` names, its key's holder read now; undefined (and the session ended) when it is over. */
  async current(id: string | undefined): Promise<SignedIn | undefined> {
    const session = id === undefined ? undefined : this.live(this.signedIn, id);
    if (!session) return undefined;
    const actor = await this.keys.holderOf(session.keyId!);
    if (!actor) {
      this.signedIn.delete(id!);
      return undefined;
    }
    session.lastSeenAt = this.now();
    return { id: id!, csrf: session.csrf, actor };
  }

  /** Whether `csrf` is the token of `session` (a state-changing form's hidden `csrf` field). */
  csrfMatches(session: SignedIn, csrf: unknown): boolean {
    return sameToken(session.csrf, csrf);
  }

  end(id: string): void {
    this.signedIn.delete(id);
  }

  private open(sessions: Map<string, Session>, keyId: string | undefined): { id: string; csrf: string } {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    const session: Session = { csrf: randomBytes(32).toString('base64url'), startedAt: now, lastSeenAt: now, ...(keyId ? { keyId } : {}) };
    // A Map iterates in insertion order: the first is the oldest.
    while (sessions.size >= MOST_SESSIONS) sessions.delete(sessions.keys().next().value!);
    sessions.set(id, session);
    return { id, csrf: session.csrf };
  }

  private live(sessions: Map<string, Session>, id: string): Session | undefined {
    const session = sessions.get(id);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.lastSeenAt >= IDLE_LIMIT_MS || now - session.startedAt >= SESSION_LIMIT_MS) {
      sessions.delete(id);
      return undefined;
    }
    return session;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

/** Constant-time comparison of a session's token with what a form sent (anything, or nothing). */
function sameToken(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(expected), Buffer.from(sent)];
  return a.length === b.length && timingSafeEqual(a, b);
}
