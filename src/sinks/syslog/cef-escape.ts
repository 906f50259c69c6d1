/**
 * A CEF header field (vendor, product, version, signature id, name): `\` and `|` escaped with a backslash. The
 * header cannot span lines, so a line break becomes a space.
 */
export function cefHeaderValue(value: string): string {
  return value.replace(/[\\|]/g, '\\$&').replace(/\r\n|[\r\n]/g, ' ');
}

/**
 * A CEF extension value: `\` and `=` escaped with a backslash, a line feed written `\n` and a carriage return `\r`
 * (the only way a value spans lines). A `|` needs no escape here.
 */
export function cefExtensionValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (character) => EXTENSION_ESCAPES[character] as string);
}

const EXTENSION_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '=': '\\=', '\n': '\\n', '\r': '\\r' };
