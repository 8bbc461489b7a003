import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { stampChanges, stampNew } from '../../../../../common/db/stamp-writes';
import { type TeamSetting, type TeamSettingKind, teamSettingId } from '../../../../../common/model';
import { LOCAL_USER } from '../../session/local-user';
import { useSyncSession } from '../../session/session-store';

/** The team whose settings apply: the signed-in user's team, else the book's. */
export async function currentTeamId(db: OutpostDatabase): Promise<string> {
  const user = useSyncSession.getState().session?.user;
  if (user?.teamId) return user.teamId;
  const account = await db.accounts.findOne().exec();
  return account?.teamId ?? LOCAL_USER.teamId;
}

/** Who a settings change is recorded as: the signed-in user, else the device's own user. */
function author(): { ownerId: string; ownerName: string } {
  const user = useSyncSession.getState().session?.user;
  return user ? { ownerId: user.id, ownerName: user.name } : LOCAL_USER;
}

/** Saves a team setting (stamped for sync). */
export async function saveTeamSetting(db: OutpostDatabase, kind: TeamSettingKind, value: Record<string, unknown>): Promise<void> {
  const teamId = await currentTeamId(db);
  const id = teamSettingId(teamId, kind);
  const existing = await db.teamsettings.findOne(id).exec();
  const { ownerId, ownerName } = author();
  if (existing) {
    await existing.incrementalPatch(stampChanges(existing.fieldStamps, { value, updatedBy: ownerName }) as Partial<TeamSetting>);
  } else {
    await db.teamsettings.insert(stampNew({ id, ownerId, teamId, kind, value, updatedBy: ownerName }) as TeamSetting);
  }
}

export async function readTeamSetting(db: OutpostDatabase, kind: TeamSettingKind): Promise<unknown> {
  const doc = await db.teamsettings.findOne(teamSettingId(await currentTeamId(db), kind)).exec();
  return doc?.toJSON().value;
}
