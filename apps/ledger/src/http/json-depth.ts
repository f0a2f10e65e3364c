/** How deeply a request's JSON may nest: far more than any command needs, far less than a recursive walk can take. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `value` nests objects and arrays more than `max` deep (a bare object or array is depth 1).
 * Iterative, so a hostile value cannot overflow the stack while being measured.
 */
export function jsonDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const member of Array.isArray(current) ? current : Object.values(current)) {
      if (member !== null && typeof member === 'object') pending.push([member, depth + 1]);
    }
  }
  return false;
}
