import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AccessUser, Role } from '../../common/sync/access-policy';
import type { SecondFactor } from './second-factor';
import { compactFully, isConflict, isNotFound, type Database } from '../storage/storage';

export interface UserRecord {
  type: 'user';
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  sharedOwnerIds: string[];
  passwordHash: string;
  /** Bumped on a role change so refresh tokens issued before it stop working. */
  tokenVersion: number;
  createdAt: string;
  /** TOTP second factor: pending (enabled false) after enrolment, required at sign-in once confirmed. */
  secondFactor?: SecondFactor | null;
  /** A disabled person cannot sign in, and every session of theirs ended when they were disabled. */
  disabled?: boolean;
  /** Failed sign-ins (wrong password or second-factor code) since the last successful one. */
  failedSignIns?: number;
  lastFailedSignInAt?: string | null;
  /** Set once failedSignIns reaches the lockout threshold; only an Admin lifts it. */
  lockedAt?: string | null;
  /**
   * Open sessions (one per sign-in, a "family" of rotated refresh tokens): the refresh token id that may be used
   * next. A refresh with any other id of the family is a reuse (a stolen token) and ends the family.
   */
  sessions?: SessionRecord[];
  /** Earlier access scopes (newest first, a few), so a pull from a checkpoint taken under one sends its tombstones. */
  pastAccess?: { scope: string; access: { role: Role; teamId: string | null; sharedOwnerIds: string[] } }[];
}

export interface SessionRecord {
  id: string;
  refreshJti: string;
  createdAt: string;
}

/** At most this many sessions per person are kept; signing in again beyond it ends the oldest. */
export const MAX_SESSIONS = 20;

export interface TeamRecord {
  type: 'team';
  id: string;
  name: string;
  createdAt: string;
}

interface EmailClaim {
  type: 'email';
  userId: string;
}

/** A one-time invitation: whoever holds the code sets a password and becomes this person (stored by code hash). */
export interface InviteRecord {
  type: 'invite';
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  invitedBy: string;
  expiresAt: string;
}

type DirectoryDoc = UserRecord | TeamRecord | EmailClaim | InviteRecord;

const inviteKey = (code: string) => `invite:${createHash('sha256').update(code).digest('base64url')}`;

export class DirectoryError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A hash to verify against when the email is unknown, so a wrong email costs as long as a wrong password. */
const UNKNOWN_USER_HASH = hash('not-a-real-password-used-for-timing-only');

/**
 * Users and teams, one PouchDB database. An `email:` document per address makes addresses unique even on CouchDB.
 * Its id is a keyed hash of the address (`email:h:<hmac>`), never the address: a deleted document's id stays in
 * PouchDB's revision tree for good, so an erased person's address would otherwise stay in the data folder. Claims
 * written before (`email:<address>`) are still found and are removed with their person.
 */
export class UserDirectory {
  constructor(
    private readonly db: Database<DirectoryDoc>,
    /** Keys the email claims' ids; kept apart from the data (without it, the address itself is the id). */
    private readonly claimKey?: Uint8Array,
  ) {}

  /** The id of the claim on `email` (normalized), and the id such a claim had before ids were hashed. */
  private claimIds(email: string): { id: string; legacy: string } {
    const address = email.trim().toLowerCase();
    const legacy = `email:${address}`;
    return { id: this.claimKey ? `email:h:${createHmac('sha256', this.claimKey).update(address).digest('base64url')}` : legacy, legacy };
  }

  /** Compacts the directory's storage whole, so a deleted person's record leaves the data folder (see compactFully). */
  async compact(): Promise<void> {
    await compactFully(this.db);
  }

  async createTeam(name: string): Promise<TeamRecord> {
    const team: TeamRecord = { type: 'team', id: `team-${randomUUID()}`, name, createdAt: new Date().toISOString() };
    await this.db.put({ _id: `team:${team.id}`, ...team });
    return team;
  }

  async getTeam(id: string): Promise<TeamRecord | null> {
    return this.getDoc<TeamRecord>(`team:${id}`);
  }

  async createUser(input: { email: string; password: string; name: string; role: Role; teamId: string | null }): Promise<UserRecord> {
    const email = input.email.trim().toLowerCase();
    if (input.teamId !== null && !(await this.getTeam(input.teamId))) {
      throw new DirectoryError(404, `Team "${input.teamId}" does not exist`);
    }
    if (input.role !== 'admin' && input.teamId === null) {
      throw new DirectoryError(400, `A ${input.role} must belong to a team: give teamId`);
    }
    const user: UserRecord = {
      type: 'user',
      id: `user-${randomUUID()}`,
      email,
      name: input.name,
      role: input.role,
      teamId: input.teamId,
      sharedOwnerIds: [],
      passwordHash: await hash(input.password),
      tokenVersion: 0,
      createdAt: new Date().toISOString(),
    };
    const claim = this.claimIds(email);
    if (claim.legacy !== claim.id && (await this.findByEmail(email))) throw new DirectoryError(409, `A user with email "${email}" already exists`);
    try {
      await this.db.put({ _id: claim.id, type: 'email', userId: user.id });
    } catch (error) {
      if (isConflict(error)) throw new DirectoryError(409, `A user with email "${email}" already exists`);
      throw error;
    }
    await this.db.put({ _id: `user:${user.id}`, ...user });
    return user;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    return this.getDoc<UserRecord>(`user:${id}`);
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const { id, legacy } = this.claimIds(email);
    const claim = (await this.getDoc<EmailClaim>(id)) ?? (legacy !== id ? await this.getDoc<EmailClaim>(legacy) : null);
    if (claim) return this.getUser(claim.userId);
    // No claim under this key (the key file was replaced, say): the records themselves still say who has the address.
    if (legacy === id) return null;
    const address = email.trim().toLowerCase();
    return (await this.listUsers()).find((user) => user.email === address) ?? null;
  }

  /** The user for these credentials, or null; always spends one argon2 verification. */
  async authenticate(email: string, password: string): Promise<UserRecord | null> {
    const user = await this.findByEmail(email);
    const ok = await verify(user?.passwordHash ?? (await UNKNOWN_USER_HASH), password);
    return user && ok ? user : null;
  }

  async updateUser(id: string, change: Partial<Pick<UserRecord, 'role' | 'teamId' | 'sharedOwnerIds'>>): Promise<UserRecord> {
    return this.modifyUser(id, (user) => {
      const before = { role: user.role, teamId: user.teamId, sharedOwnerIds: [...user.sharedOwnerIds] };
      const pastAccess = [{ scope: accessScope(user), access: before }, ...(user.pastAccess ?? []).filter((past) => past.scope !== accessScope(user))].slice(0, 5);
      return { ...user, ...change, pastAccess, tokenVersion: user.tokenVersion + 1 };
    });
  }

  /** Any change to a user record through a function of the current one (read again on a revision conflict). */
  async changeUser(id: string, change: (user: UserRecord) => UserRecord): Promise<UserRecord> {
    return this.modifyUser(id, change);
  }

  async listUsers(): Promise<UserRecord[]> {
    const all = await this.db.allDocs({ include_docs: true, startkey: 'user:', endkey: 'user:\uffff' });
    return all.rows.flatMap((row) => (row.doc ? [stripDoc(row.doc) as UserRecord] : []));
  }

  async listTeams(): Promise<TeamRecord[]> {
    const all = await this.db.allDocs({ include_docs: true, startkey: 'team:', endkey: 'team:\uffff' });
    return all.rows.flatMap((row) => (row.doc ? [stripDoc(row.doc) as TeamRecord] : []));
  }

  /** Stores an invitation and returns its one-time code (valid `days` days). */
  async createInvite(invite: Omit<InviteRecord, 'type' | 'expiresAt'>, days = 7): Promise<{ code: string; expiresAt: string }> {
    if (await this.findByEmail(invite.email)) throw new DirectoryError(409, `A user with email "${invite.email}" already exists`);
    const code = randomBytes(12).toString('base64url');
    const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
    await this.db.put({ _id: inviteKey(code), type: 'invite', ...invite, email: invite.email.trim().toLowerCase(), expiresAt });
    return { code, expiresAt };
  }

  /** Uses an invitation once: creates the person with this password, or throws when the code is unknown or expired. */
  async acceptInvite(code: string, password: string): Promise<UserRecord> {
    const doc = (await this.db.get(inviteKey(code)).catch(() => null)) as (InviteRecord & { _id: string; _rev: string }) | null;
    if (!doc || Date.parse(doc.expiresAt) < Date.now()) throw new DirectoryError(404, 'This invitation code is unknown, used or expired');
    // Removing it first makes the code single-use even when two requests race (the second remove conflicts).
    try {
      await this.db.remove(doc);
    } catch {
      throw new DirectoryError(404, 'This invitation code is unknown, used or expired');
    }
    return this.createUser({ email: doc.email, password, name: doc.name, role: doc.role, teamId: doc.teamId });
  }

  /** Removes a person and their email claim (the address may be used again). */
  async deleteUser(id: string): Promise<void> {
    const doc = await this.db.get(`user:${id}`).catch(() => null);
    if (!doc) throw new DirectoryError(404, `User "${id}" does not exist`);
    const email = (doc as unknown as UserRecord).email;
    await this.db.remove(doc);
    for (const claimId of new Set(Object.values(this.claimIds(email)))) {
      const claim = await this.db.get(claimId).catch(() => null);
      if (claim) await this.db.remove(claim);
    }
  }

  /** Sets or clears the second factor; sessions stay valid (the person changing it is signed in). */
  async setSecondFactor(id: string, secondFactor: SecondFactor | null): Promise<UserRecord> {
    return this.modifyUser(id, (user) => ({ ...user, secondFactor }));
  }

  /** Read, change, write a user, reading again if another write got in between (PouchDB revision conflict). */
  private async modifyUser(id: string, change: (user: UserRecord) => UserRecord): Promise<UserRecord> {
    for (;;) {
      const doc = await this.db.get(`user:${id}`).catch((error: unknown) => {
        if (isNotFound(error)) throw new DirectoryError(404, `User "${id}" does not exist`);
        throw error;
      });
      const { _id, _rev, ...user } = doc as unknown as UserRecord & { _id: string; _rev: string };
      const record = change(user);
      try {
        await this.db.put({ ...record, _id, _rev });
        return record;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  }

  private async getDoc<T extends DirectoryDoc>(id: string): Promise<T | null> {
    try {
      const { _id, _rev, ...doc } = (await this.db.get(id)) as unknown as T & { _id: string; _rev: string };
      return doc as unknown as T;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}

function stripDoc(doc: object): object {
  const { _id, _rev, ...rest } = doc as { _id: string; _rev: string };
  return rest;
}

/** What a person may read, as one short string: a pull checkpoint carries it, so a changed scope is noticed. */
export function accessScope(user: Pick<UserRecord, 'role' | 'teamId' | 'sharedOwnerIds'> & { disabled?: boolean }): string {
  return createHash('sha256')
    .update(JSON.stringify([user.role, user.teamId, [...user.sharedOwnerIds].sort(), user.disabled === true]))
    .digest('base64url')
    .slice(0, 16);
}

export function toAccessUser(user: UserRecord): AccessUser {
  return { id: user.id, role: user.role, teamId: user.teamId, sharedOwnerIds: user.sharedOwnerIds };
}
