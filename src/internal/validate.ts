import { AuditLogsValidationError } from '../errors.js';

/**
 * `value` if it is an integer in [min, max]; otherwise throws AuditLogsValidationError naming the parameter, the
 * value and the range allowed.
 */
export function checkInteger(name: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const allowed =
      max === Number.POSITIVE_INFINITY ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
    throw new AuditLogsValidationError(name, value, allowed);
  }
  return value;
}
