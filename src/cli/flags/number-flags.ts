import { InvalidArgumentError } from 'commander';

/** commander parsers for numeric flags; each rejects with an example of a valid value. */

/** commander parser for a positive integer option such as --limit or --max. */
export function positiveInteger(flag: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1 || number > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? 'of at least 1' : `from 1 to ${max}`;
      throw new InvalidArgumentError(`${flag} takes a whole number ${range}, e.g. ${flag} ${Math.min(100, max)}.`);
    }
    return number;
  };
}

/** Parses a whole number of at least `min`, e.g. for --port (0 = any free port) or --entries. */
export function wholeNumber(flag: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || number < min || number > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`${flag} takes a whole number ${range}, e.g. ${flag} ${Math.max(min, 1)}.`);
    }
    return number;
  };
}

/** Parses a non-negative number, fractions allowed, e.g. for --days 0.5 or --events-per-minute 20. */
export function nonNegativeNumber(flag: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\s*\d*\.?\d+\s*$/.test(value) || !Number.isFinite(number)) {
      throw new InvalidArgumentError(`${flag} takes a number of at least 0, e.g. ${flag} 20.`);
    }
    return number;
  };
}
