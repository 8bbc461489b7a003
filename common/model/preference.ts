/** Local-only settings of this device (saved grid views, theme). Not account-scoped, never synced. */
export interface Preference {
  /** e.g. `theme`, `view:<uuid>`. */
  id: string;
  kind: 'theme' | 'grid-view' | 'setting';
  /** JSON value; its shape is owned by the feature that wrote it and validated when read. */
  value: Record<string, unknown>;
  updatedAt: string;
}
