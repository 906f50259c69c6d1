import { fileURLToPath } from 'node:url';

const file = (name: string) => fileURLToPath(new URL(`../fixtures/pki/${name}`, import.meta.url));

/** Paths of the committed test PKI (see test/fixtures/pki/README.md). */
export const testPki = {
  /** The CA that signed both certificates: trust it in clients. */
  caFile: file('ca.pem'),
  /** Server certificate for 127.0.0.1 and localhost. */
  serverCertFile: file('server-cert.pem'),
  serverKeyFile: file('server-key.pem'),
  /** Client certificate (CN=client.test) for mutual TLS. */
  clientCertFile: file('client-cert.pem'),
  clientKeyFile: file('client-key.pem'),
} as const;
