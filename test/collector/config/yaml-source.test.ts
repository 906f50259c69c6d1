import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { YamlSource } from '../../../src/collector/config/yaml-source.js';

describe('YamlSource', () => {
  const source = new YamlSource(
    [
      'state: ./state',
      'shared: &sinks',
      '  - {type: stdout, format: ecs}',
      'orgs:',
      '  - name: acme',
      '    sinks: *sinks',
      '  - <<: {limit: 5}',
      '    name: beta',
      '    empty:',
      '',
    ].join('\n'),
  );

  it('places a value and its key', () => {
    assert.deepEqual(source.positionOf(['orgs', 0, 'name']), { line: 5, column: 11 });
    assert.deepEqual(source.positionOf(['orgs', 0, 'name'], 'key'), { line: 5, column: 5 });
  });

  it('follows an alias to where the value is written', () => {
    assert.deepEqual(source.positionOf(['orgs', 0, 'sinks', 0, 'format']), { line: 3, column: 28 });
  });

  it('looks through << merges', () => {
    assert.deepEqual(source.positionOf(['orgs', 1, 'limit']), { line: 7, column: 17 });
  });

  it('places an empty value at its key', () => {
    assert.deepEqual(source.positionOf(['orgs', 1, 'empty']), { line: 9, column: 5 });
  });

  it('places a missing key at the mapping that lacks it', () => {
    assert.deepEqual(source.positionOf(['orgs', 0, 'tokenEnv']), { line: 5, column: 5 });
    assert.deepEqual(source.positionOf(['metrics']), { line: 1, column: 1 });
  });

  it('keeps the data as plain values, aliases and merges resolved', () => {
    const value = source.value as { orgs: Array<Record<string, unknown>> };
    assert.deepEqual(value.orgs[0]?.sinks, [{ type: 'stdout', format: 'ecs' }]);
    assert.equal(value.orgs[1]?.limit, 5);
  });

  it('reports the first syntax error with its place', () => {
    const broken = new YamlSource('a: 1\nb: [1, 2\nc: 3\n');
    assert.equal(broken.value, undefined);
    assert.equal(broken.syntaxErrors.length, 1);
    assert.equal(broken.syntaxErrors[0]?.line, 3);
  });

  it('refuses a key written twice', () => {
    const twice = new YamlSource('a: 1\na: 2\n');
    assert.match(twice.syntaxErrors[0]?.message ?? '', /Map keys must be unique/);
    assert.equal(twice.syntaxErrors[0]?.line, 2);
  });
});
