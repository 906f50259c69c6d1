// The part of fs-native-extensions this package uses (the package ships no type declarations).
declare module 'fs-native-extensions' {
  /** Takes a lock on the open file without waiting; false when another open file description holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  /** Releases a lock taken on this descriptor. */
  export function unlock(fd: number): void;
}
