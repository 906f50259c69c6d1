import { InvalidArgumentError } from 'commander';
import type { IngestDelayRange } from '../../emulator/index.js';

/**
 * Parses `--ingest-delay 0-90` (a range) or `--ingest-delay 30` (a fixed delay), in seconds.
 * @throws InvalidArgumentError with an example.
 */
export function parseIngestDelay(value: string): IngestDelayRange {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?$/.exec(value);
  const minSeconds = Number(match?.[1]);
  const maxSeconds = match?.[2] === undefined ? minSeconds : Number(match[2]);
  if (!match || !(minSeconds <= maxSeconds)) {
    throw new InvalidArgumentError('Expected seconds as MIN-MAX or one number, e.g. --ingest-delay 0-90.');
  }
  return { minSeconds, maxSeconds };
}

/**
 * Collects repeated `--fault KIND=PROBABILITY` flags, e.g. `--fault 429=0.05 --fault reset=0.01`.
 * The emulator checks the kind names; here only the shape and the 0..1 range are checked.
 */
export function collectFault(value: string, previous: Record<string, number> | undefined): Record<string, number> {
  const match = /^\s*([a-z0-9]+)\s*=\s*(\d*\.?\d+)\s*$/i.exec(value);
  const probability = Number(match?.[2]);
  if (!match?.[1] || !(probability >= 0 && probability <= 1)) {
    throw new InvalidArgumentError('Expected KIND=PROBABILITY with a probability from 0 to 1, e.g. --fault 429=0.05.');
  }
  return { ...previous, [match[1].toLowerCase()]: probability };
}

/** Parses `--rate-limit 50` (requests per minute) or `--rate-limit off` / `0` (no limit). */
export function parseRateLimit(value: string): number | false {
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === 'none' || text === '0') return false;
  const perMinute = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(perMinute > 0)) {
    throw new InvalidArgumentError('Expected requests per minute, or off, e.g. --rate-limit 50.');
  }
  return perMinute;
}
