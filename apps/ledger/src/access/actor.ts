export const ROLES = ['officer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: an API key's holder. Officers may record only for `bodies` and their committees. */
export interface Actor {
  keyId: string;
  role: Role;
  bodies: string[];
}

/** Request-scoped facts a write carries into event metadata. */
export interface Recording {
  actor: Actor;
  /** Identifies the command; event ids derive from it, so a retried command cannot write twice. */
  commandId: string;
  correlationId?: string;
}
