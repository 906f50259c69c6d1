// The reading of `_bulk` answers, per the Bulk API's response body
// (https://www.elastic.co/guide/en/elasticsearch/reference/8.15/docs-bulk.html#bulk-api-response-body).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  itemVerdict,
  MalformedBulkResponse,
  parseBulkResponse,
} from '../../../src/sinks/elasticsearch/bulk-response.js';

const item = (status: number, type = '', reason = '') => ({ status, type, reason });

test('each item is settled by its status and error type', () => {
  assert.equal(itemVerdict(item(201), false), 'stored');
  assert.equal(itemVerdict(item(409, 'version_conflict_engine_exception'), false), 'already-stored');
  assert.equal(itemVerdict(item(429, 'es_rejected_execution_exception'), false), 'retry');
  assert.equal(itemVerdict(item(503, 'unavailable_shards_exception'), false), 'retry');
  assert.equal(itemVerdict(item(400, 'mapper_parsing_exception', 'failed to parse field [x]'), true), 'dead-letter');
  assert.equal(
    itemVerdict(item(400, 'document_parsing_exception', '[@timestamp] is missing'), false),
    'needs-timestamp',
  );
  assert.equal(itemVerdict(item(400, 'document_parsing_exception', '[@timestamp] is missing'), true), 'dead-letter');
  assert.equal(itemVerdict(item(404, 'index_not_found_exception'), false), 'refused');
  assert.equal(itemVerdict(item(403, 'security_exception'), false), 'refused');
  assert.equal(itemVerdict(item(400, 'invalid_index_name_exception'), false), 'refused');
  assert.equal(
    itemVerdict(item(403, 'cluster_block_exception', 'index [x] blocked by: [FORBIDDEN/8/index write (api)]'), false),
    'refused',
  );
});

test('items are read in order with their error type and reasons', () => {
  const body = JSON.stringify({
    errors: true,
    items: [
      { create: { _id: 'a', status: 201 } },
      {
        create: {
          _id: 'b',
          status: 400,
          error: { type: 'mapper_parsing_exception', reason: 'failed to parse', caused_by: { reason: 'not a date' } },
        },
      },
    ],
  });
  assert.deepEqual(parseBulkResponse(body, 2), [
    { status: 201, type: '', reason: '' },
    { status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse: not a date' },
  ]);
});

test('an answer saying no item failed is read without going through the items', () => {
  assert.equal(parseBulkResponse('{"took":3,"errors":false,"items":[{"create":{"status":201}}]}', 1), 'all-created');
  assert.equal(parseBulkResponse('{"errors":false,"took":3,"items":[{"create":{"status":201}}]}', 1), 'all-created');
});

test('an answer that does not match the actions sent is malformed', () => {
  assert.throws(() => parseBulkResponse('{"errors":false,"items":[', 1), MalformedBulkResponse);
  assert.throws(() => parseBulkResponse('<html>', 1), MalformedBulkResponse);
  assert.throws(() => parseBulkResponse('{"errors":false,"items":[]}', 1), /0 items for 1 actions/);
  assert.throws(() => parseBulkResponse('{"errors":false,"items":[{"create":{}}]}', 1), /item 0 has no status/);
});
