import type { OutpostDatabase } from '../../../../common/db/create-database';
import { stampChanges, stampNew } from '../../../../common/db/stamp-writes';
import { type TeamSetting, type TeamSettingKind, teamSettingId } from '../../../../common/model';
import { LOCAL_USER } from '../pages/import/local-user';

/** The team whose settings apply: the book's team (until sign-in tells us the user's). */
export async function currentTeamId(db: OutpostDatabase): Promise<string> {
  const account = await db.accounts.findOne().exec();
  return account?.teamId ?? LOCAL_USER.teamId;
}

/** Saves a team setting (stamped for sync). */
export async function saveTeamSetting(db: OutpostDatabase, kind: TeamSettingKind, value: Record<string, unknown>): Promise<void> {
  const teamId = await currentTeamId(db);
  const id = teamSettingId(teamId, kind);
  const existing = await db.teamsettings.findOne(id).exec();
  if (existing) {
    await existing.incrementalPatch(stampChanges(existing.fieldStamps, { value, updatedBy: LOCAL_USER.ownerName }) as Partial<TeamSetting>);
  } else {
    await db.teamsettings.insert(stampNew({ id, ownerId: LOCAL_USER.ownerId, teamId, kind, value, updatedBy: LOCAL_USER.ownerName }) as TeamSetting);
  }
}

export async function readTeamSetting(db: OutpostDatabase, kind: TeamSettingKind): Promise<unknown> {
  const doc = await db.teamsettings.findOne(teamSettingId(await currentTeamId(db), kind)).exec();
  return doc?.toJSON().value;
}
