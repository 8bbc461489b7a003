import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every byte a folder of LevelDB databases holds on disk, made searchable: write-ahead logs (`*.log`, and MANIFEST)
 * with their records reassembled across 32 KB blocks, tables (`*.ldb`, `*.sst`) with every block decompressed
 * (Snappy), other files as they are. This is what a person with the data folder could read, including superseded
 * values LevelDB has not yet compacted away: a test that erased data scans it for the erased values. Text is latin1
 * (one char per byte), so search for ASCII values or encode others as latin1 first.
 */
export function leveldbFolderText(dir: string): string {
  const parts: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      parts.push(leveldbFolderText(path));
      continue;
    }
    const bytes = readFileSync(path);
    if (name.endsWith('.ldb') || name.endsWith('.sst')) parts.push(tableText(bytes));
    else if (name.endsWith('.log') || name.startsWith('MANIFEST-')) parts.push(logText(bytes));
    parts.push(bytes.toString('latin1'));
  }
  return parts.join('\n');
}

const LOG_BLOCK = 32 * 1024;
const LOG_HEADER = 7;

/** A LevelDB log's records, fragments joined (a value split over two blocks reads whole). */
function logText(bytes: Buffer): string {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let block = 0; block < bytes.length; block += LOG_BLOCK) {
    let at = block;
    const end = Math.min(block + LOG_BLOCK, bytes.length);
    while (at + LOG_HEADER <= end) {
      const length = bytes.readUInt16LE(at + 4);
      const type = bytes[at + 6]!;
      if (type === 0 && length === 0) break; // zero padding (preallocated or the end of a block)
      const data = bytes.subarray(at + LOG_HEADER, Math.min(at + LOG_HEADER + length, end));
      at += LOG_HEADER + length;
      if (type === 1) records.push(data); // FULL
      else if (type === 2) pending = [data]; // FIRST
      else if (type === 3) pending.push(data); // MIDDLE
      else if (type === 4) records.push(Buffer.concat([...pending, data] as Uint8Array[])); // LAST
    }
  }
  return records.map((record) => record.toString('latin1')).join('\n');
}

function varint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

/** Snappy's raw format (what LevelDB compresses table blocks with). */
function snappy(input: Buffer): Buffer {
  let [length, at] = varint(input, 0);
  const out = Buffer.alloc(length);
  let written = 0;
  while (at < input.length) {
    const tag = input[at++]!;
    if ((tag & 3) === 0) {
      let size = tag >> 2;
      if (size >= 60) {
        const extra = size - 59;
        size = input.readUIntLE(at, extra);
        at += extra;
      }
      size += 1;
      input.copy(out, written, at, at + size);
      at += size;
      written += size;
      continue;
    }
    let size: number;
    let offset: number;
    if ((tag & 3) === 1) {
      size = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | input[at++]!;
    } else if ((tag & 3) === 2) {
      size = (tag >> 2) + 1;
      offset = input.readUInt16LE(at);
      at += 2;
    } else {
      size = (tag >> 2) + 1;
      offset = input.readUInt32LE(at);
      at += 4;
    }
    for (let i = 0; i < size; i++, written++) out[written] = out[written - offset]!;
  }
  length = written;
  return out.subarray(0, length);
}

/** A table block's contents at `handle`, decompressed when its trailer says so. */
function block(bytes: Buffer, offset: number, size: number): Buffer {
  const contents = bytes.subarray(offset, offset + size);
  return bytes[offset + size] === 1 ? snappy(contents) : contents;
}

/** Every block of a LevelDB table, found through its index block (footer: the last 48 bytes). */
function tableText(bytes: Buffer): string {
  if (bytes.length < 48) return '';
  const footer = bytes.length - 48;
  let [, at] = varint(bytes, footer); // metaindex offset
  [, at] = varint(bytes, at); // metaindex size
  const [indexOffset, next] = varint(bytes, at);
  const [indexSize] = varint(bytes, next);
  const index = block(bytes, indexOffset, indexSize);
  const restarts = index.readUInt32LE(index.length - 4);
  const entriesEnd = index.length - 4 - 4 * restarts;
  const parts: string[] = [index.toString('latin1')];
  let entry = 0;
  while (entry < entriesEnd) {
    const [, a] = varint(index, entry); // shared key bytes
    const [unshared, b] = varint(index, a);
    const [valueLength, c] = varint(index, b);
    const value = c + unshared;
    const [offset, d] = varint(index, value);
    const [size] = varint(index, d);
    parts.push(block(bytes, offset, size).toString('latin1'));
    entry = value + valueLength;
  }
  return parts.join('\n');
}
