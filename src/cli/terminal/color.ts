import { isTerminal, type OutputStream } from './io.js';

/** SGR open/close pairs; closing with the specific reset keeps nested styles intact. */
const STYLES = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

/** Text styling that is a no-op when colour is off. */
export interface Colors {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/**
 * Colour is used only on a terminal, and never when NO_COLOR is set to anything non-empty
 * (https://no-color.org), so logs captured by a SIEM forwarder stay free of escape codes.
 */
export function colorsEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTerminal(stream);
}

/** Colours for one stream. */
export function createColors(enabled: boolean): Colors {
  // The decision is made here, once, from the stream the text is for; util.styleText would
  // look at process.stdout instead, which is the wrong stream for stderr messages.
  const paint = (style: keyof typeof STYLES) => (text: string) =>
    enabled ? `${STYLES[style][0]}${text}${STYLES[style][1]}` : text;
  return {
    enabled,
    bold: paint('bold'),
    dim: paint('dim'),
    red: paint('red'),
    yellow: paint('yellow'),
    green: paint('green'),
    cyan: paint('cyan'),
  };
}
