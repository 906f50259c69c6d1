/**
 * Telling Elasticsearch from OpenSearch by the answer to `GET /`, without I/O. Elasticsearch has sent
 * `X-Elastic-Product: Elasticsearch` on every answer since 7.14 and its official clients refuse a server without it;
 * OpenSearch sends no such header and says `version.distribution: "opensearch"`
 * (https://www.elastic.co/guide/en/elasticsearch/reference/8.15/rest-api-root.html).
 */

/** What the sink learned of the cluster. */
export interface ClusterInfo {
  readonly flavour: 'elasticsearch' | 'opensearch';
  /** `8.15.0`, `2.17.0`… */
  readonly version: string;
}

/**
 * The flavour and version of a cluster from its `GET /` answer, or a sentence saying why this is not a cluster the
 * sink writes to: no version, an Elasticsearch older than 7 (typed indices), or a server that says it is a recent
 * Elasticsearch without the header every one sends (it is not one, and the exactly-once promise rests on
 * Elasticsearch's `create` semantics; the official client refuses it too).
 */
export function clusterInfo(headers: Readonly<Record<string, string>>, body: string): ClusterInfo | string {
  let parsed: { version?: { number?: unknown; distribution?: unknown } } | undefined;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return 'its answer to GET / is not JSON: is the url that of Elasticsearch or OpenSearch?';
  }
  const version = parsed?.version?.number;
  if (typeof version !== 'string') return 'its answer to GET / has no version.number: is the url that of a cluster?';
  if (parsed?.version?.distribution === 'opensearch') return { flavour: 'opensearch', version };
  const major = Number.parseInt(version, 10);
  if (!(major >= 7)) return `it runs Elasticsearch ${version}; this sink needs 7 or later (8 or 9 recommended)`;
  if (headers['x-elastic-product'] === 'Elasticsearch') return { flavour: 'elasticsearch', version };
  const [minor = 0] = version.split('.').slice(1).map(Number);
  if (major > 7 || minor >= 14) {
    return `it says it is Elasticsearch ${version} but sends no X-Elastic-Product header, which every Elasticsearch since 7.14 sends: it is another product, or a proxy strips the header`;
  }
  return { flavour: 'elasticsearch', version };
}
