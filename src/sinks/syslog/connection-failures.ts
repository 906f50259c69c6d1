/** OpenSSL's certificate verification results, as Node reports them in `error.code`. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/**
 * Whether a failed TLS handshake is one that retrying cannot fix: the receiver's certificate is not trusted, has
 * expired or names another host, the receiver refused ours, or the two sides share no protocol (`ERR_SSL_…`, which
 * is also what speaking TLS to a plain TCP port gives).
 */
export function isCertificateFailure(code: string | undefined): boolean {
  if (code === undefined) return false;
  return CERTIFICATE_CODES.has(code) || code.startsWith('ERR_TLS_CERT') || code.startsWith('ERR_SSL_');
}

/** What to do about a certificate failure, in a few words the error message ends with. */
export function certificateAdvice(code: string | undefined, host: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return `the receiver's certificate is not issued for ${host}: use the host name the certificate names in url, or have the receiver's certificate include ${host}`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return "the receiver's certificate is outside its validity period: renew it (or check this machine's clock)";
  }
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return "the receiver's certificate is not trusted: set caFile to the CA that signed it";
  }
  if (code !== undefined && /CERTIFICATE|BAD_CERT|UNKNOWN_CA|ACCESS_DENIED/.test(code)) {
    return 'the receiver refused the client certificate: set certFile and keyFile to a certificate it accepts';
  }
  return 'check that the port speaks TLS (RFC 5425), not plain TCP, and that both sides share a TLS version';
}
