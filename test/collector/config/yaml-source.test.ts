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

  it('expands an anchor that hundreds of organisations share', () => {
    const orgs = Array.from({ length: 500 }, (_, index) => `  - {name: org-${index}, sinks: *sinks}`);
    const shared = new YamlSource(['x-sinks: &sinks [{type: stdout}]', 'orgs:', ...orgs].join('\n'));
    assert.deepEqual(shared.syntaxErrors, []);
    assert.equal((shared.value as { orgs: unknown[] }).orgs.length, 500);
  });

  it('refuses aliases that expand without end, a billion laughs', () => {
    const rows = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 6; level++)
      rows.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    const bomb = new YamlSource(rows.join('\n'));
    assert.equal(bomb.value, undefined);
    assert.match(bomb.syntaxErrors[0]?.message ?? '', /^the aliases expand too far/);
  });

  it('refuses a key written twice', () => {
    const twice = new YamlSource('a: 1\na: 2\n');
    assert.match(twice.syntaxErrors[0]?.message ?? '', /Map keys must be unique/);
    assert.equal(twice.syntaxErrors[0]?.line, 2);
  });
});
