import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SinkError } from '../../src/errors.js';
import { AtomicFileWriter } from '../../src/sinks/atomic-file-writer.js';
import { failingFileOpener } from '../helpers/failing-file.js';

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

describe('AtomicFileWriter and the temporary files of killed writers', () => {
  it('removes those of dead processes for the same target on this host, and keeps the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-stale-'));
    const target = join(dir, 'audit.ndjson');
    const host = hostname();
    // A pid that is surely gone: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const names = {
      dead: `.audit.ndjson.${host}.${dead}.0123abcd.partial`,
      alive: `.audit.ndjson.${host}.${process.ppid}.0123abcd.partial`,
      otherHost: `.audit.ndjson.elsewhere.example.${dead}.0123abcd.partial`,
      otherTarget: `.other.ndjson.${host}.${dead}.0123abcd.partial`,
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'x'.repeat(1000));
    const writer = await AtomicFileWriter.create(target);
    assert.deepEqual(writer.removedStale, [{ path: join(dir, names.dead), pid: dead }]);
    await writer.commit();
    assert.deepEqual(
      (await readdir(dir)).sort(),
      ['audit.ndjson', names.alive, names.otherHost, names.otherTarget].sort(),
    );
    await rm(dir, { recursive: true, force: true });
  });

  it('continues short writes and reports a full disk naming the target, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-full-'));
    const target = join(dir, 'audit.ndjson');
    const ok = await AtomicFileWriter.create(target, { openFile: failingFileOpener({ maxBytesPerWrite: 1000 }) });
    await ok.write('y'.repeat(300 * 1024));
    await ok.commit();
    assert.equal((await stat(target)).size, 300 * 1024);

    const full = await AtomicFileWriter.create(join(dir, 'big.ndjson'), {
      openFile: failingFileOpener({ capacityBytes: 100 * 1024 }),
    });
    await full.write('z'.repeat(300 * 1024)).catch(() => undefined);
    const error = await full.commit().catch((caught: unknown) => caught);
    assert.ok(error instanceof SinkError);
    assert.equal(error.code, 'ENOSPC');
    assert.match(error.message, new RegExp(`^Cannot write ${join(dir, 'big.ndjson')}: the file system is full`));
    assert.deepEqual((await readdir(dir)).sort(), ['audit.ndjson']);
    await rm(dir, { recursive: true, force: true });
  });
});
