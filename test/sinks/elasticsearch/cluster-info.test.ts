// The product check, as the official clients do it (elastic/elasticsearch-js#1487) and GET / describes
// (https://www.elastic.co/guide/en/elasticsearch/reference/8.15/rest-api-root.html).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterInfo } from '../../../src/sinks/elasticsearch/cluster-info.js';

const root = (version: Record<string, unknown>) => JSON.stringify({ version, tagline: 'You Know, for Search' });
const elastic = { 'x-elastic-product': 'Elasticsearch' };

test('Elasticsearch is known by its header, OpenSearch by its distribution', () => {
  assert.deepEqual(clusterInfo(elastic, root({ number: '9.1.0' })), { flavour: 'elasticsearch', version: '9.1.0' });
  assert.deepEqual(clusterInfo({}, root({ number: '2.17.0', distribution: 'opensearch' })), {
    flavour: 'opensearch',
    version: '2.17.0',
  });
  assert.deepEqual(clusterInfo({}, root({ number: '7.10.2' })), { flavour: 'elasticsearch', version: '7.10.2' });
});

test('a recent Elasticsearch without the header, an old one, or no cluster at all is refused with a reason', () => {
  assert.match(String(clusterInfo({}, root({ number: '8.15.0' }))), /sends no X-Elastic-Product header/);
  assert.match(String(clusterInfo({}, root({ number: '7.14.0' }))), /sends no X-Elastic-Product header/);
  assert.match(String(clusterInfo(elastic, root({ number: '6.8.0' }))), /needs 7 or later/);
  assert.match(String(clusterInfo({}, '<html>')), /not JSON/);
  assert.match(String(clusterInfo({}, '{}')), /no version\.number/);
});
