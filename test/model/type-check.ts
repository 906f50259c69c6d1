// Compile-time assertions for the model tests. They do nothing at runtime; `tsc --noEmit` fails when one is false.

/** True when A and B are the same type (not merely assignable both ways). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless its type argument is `true`. */
export function assertType<_Condition extends true>(): void {}
