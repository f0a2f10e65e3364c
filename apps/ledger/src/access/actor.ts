export const ROLES = ['officer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: an API key's holder. Officers may record only for `bodies` and their committees. */
export interface Actor {
  /** The key's public id (never its secret): what `keys list` shows and `keys revoke` takes. */
  keyId: string;
  role: Role;
  bodies: string[];
  /** The person the key was given to; null for the seed's system actor and for keys made before keys named people. */
  person?: string | null;
}

/** Request-scoped facts a write carries into event metadata. */
export interface Recording {
  actor: Actor;
  /** Identifies the command; event ids derive from it, so a retried command cannot write twice. */
  commandId: string;
  correlationId?: string;
}
