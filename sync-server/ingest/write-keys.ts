import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../storage/storage';

/** A team's write key as stored: only its SHA-256 hash, never the key. */
interface StoredKey {
  _id: string;
  _rev?: string;
  teamId: string;
  name: string;
  hash: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
}

export interface WriteKeyInfo {
  id: string;
  teamId: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Per-team write keys for the Segment-compatible ingestion endpoint. A key is `wk_<id>_<secret>`; the server keeps
 * the hash, so a stolen data directory does not hand out working keys. Revoked keys stay listed.
 */
export class WriteKeys {
  private readonly cache = new Map<string, { id: string; teamId: string } | null>();

  constructor(private readonly db: Database<StoredKey>) {}

  async create(teamId: string, name: string, createdBy: string): Promise<{ key: string; info: WriteKeyInfo }> {
    const id = randomBytes(6).toString('hex');
    const key = `wk_${id}_${randomBytes(24).toString('base64url')}`;
    const doc: StoredKey = { _id: id, teamId, name, hash: hashOf(key), createdAt: new Date().toISOString(), createdBy };
    await this.db.put(doc);
    return { key, info: info(doc) };
  }

  async list(): Promise<WriteKeyInfo[]> {
    const all = await this.db.allDocs({ include_docs: true });
    return all.rows.flatMap((row) => (row.doc ? [info(row.doc as StoredKey)] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async revoke(id: string): Promise<WriteKeyInfo | null> {
    let doc: StoredKey;
    try {
      doc = await this.db.get(id);
    } catch {
      return null;
    }
    if (!doc.revokedAt) {
      doc.revokedAt = new Date().toISOString();
      await this.db.put(doc);
    }
    this.cache.clear();
    return info(doc);
  }

  /** The team of a valid, unrevoked key; null otherwise. */
  async resolve(key: string): Promise<{ id: string; teamId: string } | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const match = /^wk_([0-9a-f]{12})_[A-Za-z0-9_-]+$/.exec(key);
    let result: { id: string; teamId: string } | null = null;
    if (match) {
      try {
        const doc = await this.db.get(match[1]!);
        const a = Buffer.from(doc.hash, 'hex');
        const b = Buffer.from(hashOf(key), 'hex');
        if (!doc.revokedAt && a.length === b.length && timingSafeEqual(new Uint8Array(a), new Uint8Array(b))) result = { id: doc._id, teamId: doc.teamId };
      } catch {
        result = null;
      }
    }
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }
}

function info(doc: StoredKey): WriteKeyInfo {
  return {
    id: doc._id, teamId: doc.teamId, name: doc.name, createdAt: doc.createdAt, createdBy: doc.createdBy,
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt } : {}), prefix: `wk_${doc._id}`,
  };
}
