// docs/normalisation.md describes the mapping; its tables must say what the code does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTION_FAMILIES, FALLBACK_FAMILY } from '../../src/normalise/action-families.js';
import { ecsTypeOfOperation } from '../../src/normalise/action-profile.js';
import type { ActionOperation } from '../../src/normalise/action-words.js';
import { activityFor } from '../../src/normalise/ocsf-activities.js';
import { OCSF_CLASSES, type OcsfClassName } from '../../src/normalise/ocsf-schema.js';
import { REPOSITORY_ROOT } from './helpers/shared-data.js';

const doc = readFileSync(join(REPOSITORY_ROOT, 'docs', 'normalisation.md'), 'utf8');

/** The cells of the table rows in a section whose first cell is a backticked name, by that name. */
function tableRows(heading: string): Map<string, string[]> {
  const start = doc.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `the doc has a section ${heading}`);
  const section = doc.slice(start + heading.length + 2).split(/\n#{2,3} /)[0] as string;
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (name !== undefined) rows.set(name, cells.slice(1));
  }
  return rows;
}

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
const classUids = (cell: string) => [...cell.matchAll(/\((\d+)\)/g)].map((match) => Number(match[1]));

test('the family table lists every family of the code, in the code’s order, and nothing else', () => {
  const rows = tableRows('## Action families');
  assert.deepEqual(
    [...rows.keys()],
    [...ACTION_FAMILIES, FALLBACK_FAMILY].map((family) => family.name),
  );
});

test('each family’s ECS categories and OCSF classes are the code’s', () => {
  const rows = tableRows('## Action families');
  for (const family of ACTION_FAMILIES) {
    const [, categories = '', , classes = ''] = rows.get(family.name) ?? [];
    assert.deepEqual(backticked(categories), family.ecs.categories, `${family.name} categories`);
    const uids = family.ocsf.classes.map((name) => OCSF_CLASSES[name].uid);
    assert.deepEqual(classUids(classes), uids, `${family.name} classes`);
  }
  assert.deepEqual(classUids(rows.get('other')?.[3] ?? ''), [OCSF_CLASSES.api_activity.uid]);
});

test('the activity table gives each operation’s ECS type and each class’s activity as the code does', () => {
  const rows = tableRows('### Activities');
  const classes: OcsfClassName[] = [
    'entity_management',
    'file_hosting',
    'user_management',
    'group_management',
    'role_management',
    'api_activity',
    'authentication',
  ];
  assert.ok(rows.size >= 30, `${rows.size} operations in the table`);
  for (const [operation, [ecsType, ...activities]] of rows) {
    assert.equal(ecsType, ecsTypeOfOperation(operation as ActionOperation), `${operation} ECS type`);
    classes.forEach((className, i) => {
      const id = activityFor(className, operation as ActionOperation, true);
      const caption = (OCSF_CLASSES[className].activities as Record<number, string>)[id];
      assert.equal(activities[i], id === 99 ? '99' : `${id} ${caption}`, `${operation} in ${className}`);
    });
  }
});

test('the class table gives each class the code uses with its uid', () => {
  for (const info of Object.values(OCSF_CLASSES)) {
    assert.match(doc, new RegExp(`\\|\\s*${info.caption}\\s*\\|\\s*${info.uid}\\s*\\|`), info.caption);
  }
});
