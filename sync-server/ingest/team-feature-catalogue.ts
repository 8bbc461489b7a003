import { ownFeatureKeys } from '../../common/model';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { CollectionStore } from '../sync/collection-store';

/**
 * Per team, the own feature keys (not the six product features) its usage months hold on the server: what the cap on
 * own features per book (OWN_FEATURE_CAP) counts against. Read once from the stored usage at the first question, then
 * kept current from the collection's changes (replicas' pushed imports, the rollup's writes) and the rollup's own
 * admissions, so the rollup never waits for the feed to decide a turn.
 */
export class TeamFeatureCatalogue {
  private byTeam: Map<string, Set<string>> | null = null;
  private loading: Promise<Map<string, Set<string>>> | null = null;
  /** Changes seen while the first read runs: applied after it, so none falls between the read and the feed. */
  private early: SyncedDocument[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly usage: CollectionStore) {
    this.unsubscribe = usage.subscribe(({ stored }) => {
      if (this.byTeam) this.note(this.byTeam, stored.doc);
      else this.early.push(stored.doc);
    });
  }

  private note(byTeam: Map<string, Set<string>>, doc: SyncedDocument): void {
    if (doc._deleted) return;
    const events = doc['featureEvents'];
    if (!events || typeof events !== 'object') return;
    for (const key of ownFeatureKeys(events as Record<string, unknown>)) this.keysOf(byTeam, doc.teamId).add(key);
  }

  private keysOf(byTeam: Map<string, Set<string>>, teamId: string): Set<string> {
    let keys = byTeam.get(teamId);
    if (!keys) byTeam.set(teamId, (keys = new Set()));
    return keys;
  }

  private load(): Promise<Map<string, Set<string>>> {
    this.loading ??= (async () => {
      const byTeam = new Map<string, Set<string>>();
      for (const stored of await this.usage.scan(() => true)) this.note(byTeam, stored.doc);
      for (const doc of this.early.splice(0)) this.note(byTeam, doc);
      this.byTeam = byTeam;
      return byTeam;
    })();
    return this.loading;
  }

  /** The team's own feature keys (a live set: the caller adds what it admits with `add`). */
  async known(teamId: string): Promise<ReadonlySet<string>> {
    return this.keysOf(this.byTeam ?? (await this.load()), teamId);
  }

  add(teamId: string, key: string): void {
    if (this.byTeam) this.keysOf(this.byTeam, teamId).add(key);
  }

  close(): void {
    this.unsubscribe();
  }
}
