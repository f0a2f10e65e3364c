/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped.
 * The same event therefore always has the same bytes, which is what idempotent
 * retries compare and what tamper evidence will hash. Callers bound the depth of what they pass
 * (requests are refused past 32 levels before anything is hashed).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      // Defined, not assigned: a member named `__proto__` (JSON.parse makes one) stays a member, not a prototype.
      if (member !== undefined)
        Object.defineProperty(sorted, key, { value: sortKeys(member), enumerable: true, writable: true, configurable: true });
    }
    return sorted;
  }
  return value;
}
