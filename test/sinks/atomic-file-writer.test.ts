import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AtomicFileWriter } from '../../src/sinks/atomic-file-writer.js';

describe('AtomicFileWriter', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-file-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows nothing at the target until commit, then the whole content', async () => {
    const target = join(dir, 'out.ndjson');
    const writer = await AtomicFileWriter.create(target);
    await writer.write('{"a":1}\n');
    await writer.write('x'.repeat(300 * 1024));
    await assert.rejects(stat(target), { code: 'ENOENT' });
    await writer.commit();
    const text = await readFile(target, 'utf8');
    assert.equal(text.length, 8 + 300 * 1024);
    assert.deepEqual(await readdir(dir), ['out.ndjson']);
  });

  it('deletes its temporary file when commit fails, e.g. onto an existing folder', async () => {
    const target = join(dir, 'a-folder');
    await mkdir(target);
    const writer = await AtomicFileWriter.create(target);
    await writer.write('{"a":1}\n');
    await assert.rejects(writer.commit());
    await writer.discard();
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.includes('a-folder')),
      ['a-folder'],
    );
    assert.deepEqual(await readdir(target), []);
    await rm(target, { recursive: true });
  });

  it('creates the file readable by its owner only', async () => {
    const target = join(dir, 'private.ndjson');
    const writer = await AtomicFileWriter.create(target);
    await writer.commit();
    assert.equal((await stat(target)).mode & 0o777, 0o600);
  });

  it('leaves an existing target untouched and no temporary file on discard', async () => {
    const target = join(dir, 'kept.ndjson');
    await writeFile(target, 'previous\n');
    const writer = await AtomicFileWriter.create(target);
    await writer.write('new\n');
    await writer.discard();
    assert.equal(await readFile(target, 'utf8'), 'previous\n');
    assert.ok(!(await readdir(dir)).some((name) => name.endsWith('.partial')));
  });

  it('fails to start when the directory does not exist', async () => {
    await assert.rejects(AtomicFileWriter.create(join(dir, 'missing', 'out.ndjson')), { code: 'ENOENT' });
  });
});
