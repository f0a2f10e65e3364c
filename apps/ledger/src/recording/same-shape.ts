/**
 * `true` when `A` and `B` describe the same values: each assignable to the other, and, for objects, the
 * same fields with the same optionality, field by field (assignability alone lets an optional field be
 * missing on one side). Arrays compare their elements; unions and primitives compare by assignability.
 */
export type Same<A, B> = [A, B] extends [B, A]
  ? [NonNullable<A>, NonNullable<B>] extends [readonly (infer ItemA)[], readonly (infer ItemB)[]]
    ? Same<ItemA, ItemB>
    : [NonNullable<A>] extends [object]
      ? [NonNullable<A>] extends [(...args: never[]) => unknown]
        ? true
        : SameFields<NonNullable<A>, NonNullable<B>>
      : true
  : false;

type RequiredKeys<T> = { [Key in keyof T]-?: object extends Pick<T, Key> ? never : Key }[keyof T];

type SameKeys<A, B> = [keyof A, RequiredKeys<A>] extends [keyof B, RequiredKeys<B>]
  ? [keyof B, RequiredKeys<B>] extends [keyof A, RequiredKeys<A>]
    ? true
    : false
  : false;

type SameFields<A, B> =
  SameKeys<A, B> extends true
    ? false extends { [Key in keyof A & keyof B]-?: Same<A[Key], B[Key]> }[keyof A & keyof B]
      ? false
      : true
    : false;
