import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEntity, entryToRow, formatUnixTime } from '../../../src/cli/output/entry-row.js';
import type { Entry } from '../../../src/index.js';
import { SAMPLE_ENTRY } from '../helpers/fixtures.js';

describe('entryToRow', () => {
  it('maps an entry to time, action, actor, entity, location and IP', () => {
    assert.deepEqual(entryToRow(SAMPLE_ENTRY), {
      time: '2018-03-16T15:32:23Z',
      action: 'user_channel_join',
      actor: 'bird@slack.com',
      entity: 'channel #general',
      location: 'Birdland',
      ip: '1.23.45.678',
    });
  });

  it('leaves cells blank rather than failing when fields are missing', () => {
    assert.deepEqual(entryToRow({ id: 'x', date_create: Number.NaN, action: 'anomaly' }), {
      time: '',
      action: 'anomaly',
      actor: '',
      entity: '',
      location: '',
      ip: '',
    });
  });

  it('falls back from email to name to id for the actor', () => {
    const entry: Entry = { ...SAMPLE_ENTRY, actor: { type: 'user', user: { id: 'USLACKSECURITY' } } };
    assert.equal(entryToRow(entry).actor, 'USLACKSECURITY');
  });
});

describe('describeEntity', () => {
  it('names files by name and unknown types by id', () => {
    assert.equal(describeEntity({ type: 'file', file: { id: 'F1', name: 'report.pdf' } }), 'file report.pdf');
    assert.equal(
      describeEntity({ type: 'brand_new_type', brand_new_type: { id: 'Z9' } } as Entry['entity']),
      'brand_new_type Z9',
    );
  });

  it('shows the type alone when its object is missing', () => {
    assert.equal(describeEntity({ type: 'workflow' }), 'workflow');
  });

  it('names messages by channel and timestamp', () => {
    assert.equal(
      describeEntity({ type: 'message', message: { team: 'T1', channel: 'C1', timestamp: '1650000000.000100' } }),
      'message C1 @1650000000.000100',
    );
  });
});

describe('formatUnixTime', () => {
  it('prints whole seconds in UTC with a Z', () => {
    assert.equal(formatUnixTime(0), '1970-01-01T00:00:00Z');
    assert.equal(formatUnixTime('1'), '');
  });
});
