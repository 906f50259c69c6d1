import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, nearest } from '../../../src/collector/config/suggest.js';

const ORG_KEYS = [
  'name',
  'tokenEnv',
  'tokenFile',
  'baseUrl',
  'since',
  'filters',
  'requestsPerMinute',
  'settleLagSeconds',
  'limit',
  'sinks',
];

describe('nearest', () => {
  it('finds a typo', () => {
    assert.equal(nearest('elasticsearh', ['file', 'stdout', 'elasticsearch']), 'elasticsearch');
    assert.equal(nearest('snks', ORG_KEYS), 'sinks');
  });

  it('finds another spelling of the same key', () => {
    assert.equal(nearest('base_url', ORG_KEYS), 'baseUrl');
    assert.equal(nearest('TOKENENV', ORG_KEYS), 'tokenEnv');
  });

  it('finds a key from its beginning', () => {
    assert.equal(nearest('settleLag', ORG_KEYS), 'settleLagSeconds');
  });

  it('suggests nothing for a word far from every key', () => {
    assert.equal(nearest('colour', ORG_KEYS), undefined);
    assert.equal(nearest('', ORG_KEYS), undefined);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('ocfs', 'ocsf'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });
});
