import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../../common/db/create-database';
import { demoRenewalExamples } from '../../common/demo/demo-training';
import { seedDemoBook } from '../../common/demo/seed-demo-book';
import { FEATURE_NAMES } from '../../common/intelligence/account-features';
import { openScorer } from '../../common/intelligence/model-scorer';
import { retrainRenewalModels } from '../../common/intelligence/retrain';
import { ScoringEngine } from '../../common/intelligence/scoring-engine';
import { promoteModelVersion, readModelVersion, type ModelVersionFiles } from '../../common/intelligence/team-model';
import { teamModelArtifacts } from '../../common/intelligence/team-model-artifacts';
import { downloadModelVersion, publishModelVersion } from '../../common/intelligence/team-model-transfer';
import { readCommittedArtifacts } from '../../common/intelligence/testing/model-artifacts.node';
import { DEFAULT_TRAINING_OPTIONS } from '../../common/intelligence/training';
import type { RiskAssessment } from '../../common/model';
import { eventually, openReplica, syncReplica } from '../testing/test-replicas';
import { api, seedTeams, startTestServer, type TestServer } from '../testing/test-server';

ort.env.wasm.numThreads = 1;

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let files: ModelVersionFiles;
beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  const examples = demoRenewalExamples({ ...DEFAULT_TRAINING_OPTIONS, accounts: 1200, seed: 8, profile: 'support-led' });
  const { models } = retrainRenewalModels(examples, { featureNames: FEATURE_NAMES, seed: 1, createdAt: '2026-06-30T20:00:00Z', data: 'support-led book', leadDays: 30 });
  files = { version: models.churn.card.version, models: { churn: { trees: models.churn.model, card: models.churn.card }, expansion: { trees: models.expansion.model, card: models.expansion.card } } };
}, 60_000);
afterAll(() => t.stop());

describe('a promoted model reaches the team through the sync server', () => {
  it('a CS Manager promotes and publishes; a rep’s replica gets the setting by sync, downloads the files and scores with them', async () => {
    const server = (token: string) => ({ serverUrl: t.server.url, accessToken: () => token });
    const manager = await openReplica(['teamsettings', 'riskassessments']);
    const rep = await openReplica(['accounts', 'contacts', 'usage', 'activities', 'revenue', 'riskassessments', 'alerts', 'teamsettings']);
    const syncs = [
      ...syncReplica(manager, t.server.url, () => team.managerA.token, { collections: ['teamsettings'] }),
      ...syncReplica(rep, t.server.url, () => team.repA.token, { collections: ['teamsettings'] }),
    ];
    let engine: ScoringEngine | undefined;
    try {
      await publishModelVersion(server(team.managerA.token), files);
      await promoteModelVersion(manager, team.managerA.teamId, { ownerId: team.managerA.id, name: 'Manager A' }, files, { basis: 'better', reason: 'better on the holdout' });

      // The rep's replica receives the team's model setting through sync ...
      await eventually(async () => (await rep.teamsettings.findOne(`${team.repA.teamId}:model`).exec()) !== null, 'the model setting on the rep replica');
      // ... and its own book, scored with the promoted model fetched from the server.
      await seedDemoBook(rep as OutpostDatabase, { accounts: 25, seed: 3, asOf: '2026-06-30', teamId: team.repA.teamId }, () => undefined);
      const shipped = readCommittedArtifacts();
      const opened: string[] = [];
      // What the download answered, so a fall-back to the shipped model says why.
      const downloads: string[] = [];
      const download = (version: string) =>
        downloadModelVersion(server(team.repA.token), version).then(
          (files) => (downloads.push(files ? `got ${files.version}` : `404 for ${version}`), files),
          (error: unknown) => (downloads.push(`failed: ${String(error)}`), Promise.reject(error)),
        );
      engine = new ScoringEngine(rep, {
        openScorer: async () => {
          const chosen = await teamModelArtifacts(rep, team.repA.teamId, shipped, download);
          opened.push(chosen.version + (chosen.missing ? ` (missing ${chosen.missing}; ${downloads.join(', ') || 'no download'})` : ''));
          return openScorer(ort, chosen.artifacts);
        },
        teamId: team.repA.teamId,
        now: () => new Date('2026-06-30T12:00:00Z'),
      });
      await engine.scoreAll();
      expect(opened).toEqual([files.version]);
      const scored = (await rep.riskassessments.find().exec()).map((d) => d.toJSON() as RiskAssessment);
      expect(scored.length).toBeGreaterThan(10);
      expect(scored.every((a) => a.modelVersion === `${files.version} · ${files.models.expansion.card.version}` && a.risk !== null)).toBe(true);
      // Kept on the rep's device for the next start (and restores).
      expect((await readModelVersion(rep, files.version))?.version).toBe(files.version);
    } finally {
      await engine?.dispose();
      await Promise.all(syncs.map((s) => s.cancel()));
      await manager.close();
      await rep.close();
    }
  }, 60_000);

  it('only Admins and CS Managers publish, a version is never replaced, and another team cannot read it', async () => {
    expect((await api(t.server, 'PUT', `/models/${files.version}`, { token: team.repA.token, body: files })).status).toBe(403);
    expect((await api(t.server, 'PUT', `/models/${files.version}`, { token: team.viewerA.token, body: files })).status).toBe(403);
    expect((await api(t.server, 'PUT', `/models/${files.version}`, { token: team.managerA.token, body: files })).status).toBe(409);
    expect((await api(t.server, 'PUT', `/models/other-version`, { token: team.managerA.token, body: files })).status).toBe(400);
    expect((await api(t.server, 'GET', `/models/${files.version}`, { token: team.repB.token })).status).toBe(404);
    expect((await api(t.server, 'GET', `/models/${files.version}`, { token: team.viewerA.token })).status).toBe(200);
    expect((await api(t.server, 'GET', '/models', { token: team.repA.token })).body.versions).toEqual([expect.objectContaining({ version: files.version })]);
  });
});
