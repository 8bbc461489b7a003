import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compactFully, openDatabase } from '../storage/storage';
import { leveldbFolderText } from './leveldb-files';

const dataDir = mkdtempSync(join(tmpdir(), 'outpost-leveldb-files-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('reading a LevelDB folder as a person with the data folder could', () => {
  it('finds values in compressed tables that the raw bytes hold only as back-references, and loses overwritten ones after a full compaction', async () => {
    const db = openDatabase<{ value: string }>({ dataDir }, 'scan');
    const repeated = 'Quixote '.repeat(400);
    const first = await db.put({ _id: 'a', value: `old ${repeated}` });
    await db.put({ _id: 'a', _rev: first.rev, value: 'Superseding value' });
    await db.put({ _id: 'b', value: `kept ${repeated}` });
    // Before: the overwritten value is still in the files (the log, at this point).
    expect(leveldbFolderText(join(dataDir, 'scan'))).toContain(`old ${repeated}`);
    await compactFully(db);
    await db.close();
    const folder = join(dataDir, 'scan');
    const tables = readdirSync(folder).filter((name) => name.endsWith('.ldb'));
    expect(tables.length).toBeGreaterThan(0);
    // Snappy stores the repetition as back-references: the raw table bytes do not hold it, the decompressed text does.
    expect(tables.map((name) => readFileSync(join(folder, name), 'latin1')).join('')).not.toContain(repeated);
    const text = leveldbFolderText(folder);
    expect(text).toContain(`kept ${repeated}`);
    expect(text).toContain('Superseding value');
    expect(text).not.toContain(`old ${repeated}`);
  });
});
