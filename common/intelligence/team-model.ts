import { z } from 'zod';
import type { OutpostDatabase } from '../db/create-database';
import { stampChanges, stampNew } from '../db/stamp-writes';
import type { GbtModel } from '../ml/gradient-boosted-trees';
import { type TeamSetting, teamSettingId } from '../model';
import type { TeamModelCard } from './retrain';
import type { ModelName } from './training';

/**
 * The team's promoted model. `teamsettings` `<teamId>:model` (synced, only Admins and CS Managers write it) holds
 * the promoted version, its cards and the promotion history; the model files themselves (the trees, from which the
 * ONNX file is exported deterministically) are kept per version in RxDB local documents of riskassessments on the
 * device that trained them (`team-model:<version>`), so every earlier version can be restored.
 */
export const SHIPPED_VERSION = 'shipped';

export const promotionRecordSchema = z.object({
  version: z.string().min(1).max(200),
  at: z.string().max(40),
  by: z.string().max(200),
  basis: z.enum(['better', 'override', 'restore']),
  reason: z.string().max(2000),
});
export type PromotionRecord = z.infer<typeof promotionRecordSchema>;

export const teamModelSettingSchema = z.object({
  /** SHIPPED_VERSION, or the version of a retrained pair (its churn card's version). */
  version: z.string().min(1).max(200),
  /** The cards of the promoted pair (absent for the shipped models, whose cards ship with the app). */
  cards: z.record(z.string(), z.unknown()).optional(),
  /** Every promotion and restore, newest last. */
  history: z.array(promotionRecordSchema).max(500),
});
export type TeamModelSetting = z.infer<typeof teamModelSettingSchema>;

/** The files of one retrained version: the trees (the ONNX file is exported from them) and the cards. */
export interface ModelVersionFiles {
  readonly version: string;
  readonly models: Readonly<Record<ModelName, { readonly trees: GbtModel; readonly card: TeamModelCard }>>;
}

const localId = (version: string) => `team-model:${version}`;

/** The team's model setting, validated; undefined when none was ever promoted (or it is unreadable). */
export async function readTeamModelSetting(db: OutpostDatabase, teamId: string): Promise<TeamModelSetting | undefined> {
  const doc = await db.teamsettings.findOne(teamSettingId(teamId, 'model')).exec();
  if (!doc) return undefined;
  const parsed = teamModelSettingSchema.safeParse(doc.toJSON().value);
  return parsed.success ? parsed.data : undefined;
}

export async function saveModelVersion(db: OutpostDatabase, files: ModelVersionFiles): Promise<void> {
  await db.riskassessments.upsertLocal(localId(files.version), JSON.parse(JSON.stringify(files)) as Record<string, unknown>);
}

export async function readModelVersion(db: OutpostDatabase, version: string): Promise<ModelVersionFiles | undefined> {
  if (version === SHIPPED_VERSION) return undefined;
  const doc = await db.riskassessments.getLocal<Record<string, unknown>>(localId(version));
  return doc ? (doc.toJSON().data as unknown as ModelVersionFiles) : undefined;
}

export interface Author {
  readonly ownerId: string;
  readonly name: string;
}

async function writeSetting(db: OutpostDatabase, teamId: string, author: Author, next: TeamModelSetting): Promise<void> {
  const id = teamSettingId(teamId, 'model');
  const value = teamModelSettingSchema.parse(next) as unknown as Record<string, unknown>;
  const existing = await db.teamsettings.findOne(id).exec();
  if (existing) await existing.incrementalPatch(stampChanges(existing.fieldStamps, { value, updatedBy: author.name }) as Partial<TeamSetting>);
  else await db.teamsettings.insert(stampNew({ id, ownerId: author.ownerId, teamId, kind: 'model' as const, value, updatedBy: author.name }) as TeamSetting);
}

/**
 * Promotes a retrained version: keeps its files on this device and makes it the team's model, recording who, when
 * and on what basis (better on the holdout, or an override with its reason). Check the rule (decidePromotion) first.
 */
export async function promoteModelVersion(
  db: OutpostDatabase,
  teamId: string,
  author: Author,
  files: ModelVersionFiles,
  decision: { basis: 'better' | 'override'; reason: string },
  at: Date = new Date(),
): Promise<TeamModelSetting> {
  await saveModelVersion(db, files);
  const previous = await readTeamModelSetting(db, teamId);
  const next: TeamModelSetting = {
    version: files.version,
    cards: { churn: files.models.churn.card, expansion: files.models.expansion.card },
    history: [...(previous?.history ?? []), { version: files.version, at: at.toISOString(), by: author.name, basis: decision.basis, reason: decision.reason }],
  };
  await writeSetting(db, teamId, author, next);
  return next;
}

/** Makes an earlier version (or the shipped models) the team's model again; its files must be on this device. */
export async function restoreModelVersion(db: OutpostDatabase, teamId: string, author: Author, version: string, reason: string, at: Date = new Date()): Promise<TeamModelSetting> {
  const files = await readModelVersion(db, version);
  if (version !== SHIPPED_VERSION && !files) throw new Error(`Model version ${version} is not stored on this device, so it cannot be restored here`);
  const previous = await readTeamModelSetting(db, teamId);
  const next: TeamModelSetting = {
    version,
    ...(files ? { cards: { churn: files.models.churn.card, expansion: files.models.expansion.card } } : {}),
    history: [...(previous?.history ?? []), { version, at: at.toISOString(), by: author.name, basis: 'restore', reason }],
  };
  await writeSetting(db, teamId, author, next);
  return next;
}

/** The versions a team has promoted, newest first, with the shipped models last: what "restore" offers. */
export function promotedVersions(setting: TeamModelSetting | undefined): string[] {
  const seen = new Set<string>();
  const versions: string[] = [];
  for (const record of [...(setting?.history ?? [])].reverse()) {
    if (record.version === SHIPPED_VERSION || seen.has(record.version)) continue;
    seen.add(record.version);
    versions.push(record.version);
  }
  return [...versions, SHIPPED_VERSION];
}
