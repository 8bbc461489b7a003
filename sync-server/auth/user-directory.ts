import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AccessUser, Role } from '../../common/sync/access-policy';
import type { SecondFactor } from './second-factor';
import { isConflict, isNotFound, type Database } from '../storage/storage';

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
}

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

type DirectoryDoc = UserRecord | TeamRecord | EmailClaim;

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

/** Users and teams, one PouchDB database. An `email:` document per address makes addresses unique even on CouchDB. */
export class UserDirectory {
  constructor(private readonly db: Database<DirectoryDoc>) {}

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
    try {
      await this.db.put({ _id: `email:${email}`, type: 'email', userId: user.id });
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
    const claim = await this.getDoc<EmailClaim>(`email:${email.trim().toLowerCase()}`);
    return claim ? this.getUser(claim.userId) : null;
  }

  /** The user for these credentials, or null; always spends one argon2 verification. */
  async authenticate(email: string, password: string): Promise<UserRecord | null> {
    const user = await this.findByEmail(email);
    const ok = await verify(user?.passwordHash ?? (await UNKNOWN_USER_HASH), password);
    return user && ok ? user : null;
  }

  async updateUser(id: string, change: Partial<Pick<UserRecord, 'role' | 'teamId' | 'sharedOwnerIds'>>): Promise<UserRecord> {
    return this.modifyUser(id, (user) => ({ ...user, ...change, tokenVersion: user.tokenVersion + 1 }));
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

export function toAccessUser(user: UserRecord): AccessUser {
  return { id: user.id, role: user.role, teamId: user.teamId, sharedOwnerIds: user.sharedOwnerIds };
}
