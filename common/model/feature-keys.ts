import { PRODUCT_FEATURES, type ProductFeature } from './usage';

/**
 * The keys a usage month's `featureEvents` may hold: the six product features, and the team's own features (an
 * event name the six do not mean, under its normalised key). The usage schema allows exactly these keys.
 */
export const FEATURE_KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
const FEATURE_KEY_RE = new RegExp(FEATURE_KEY_PATTERN);
export const FEATURE_KEY_MAX_LENGTH = 40;
/** At most this many own feature keys per book (most events first); events of the rest are not stored. */
export const OWN_FEATURE_CAP = 24;
/** Why the events of an own feature over the cap are not stored (the import preview says it). */
export const OWN_FEATURE_CAP_REASON = `the book already counts ${OWN_FEATURE_CAP} features of its own (the ones with the most events are kept)`;
/** The schema's bound on keys per usage month: the six, the cap, and room for a replica whose cap counted differently. */
export const FEATURE_KEYS_PER_MONTH_MAX = 64;

/**
 * An event name's normalised form: lowercase, every run of other characters than a-z and 0-9 one `_`, no `_` at
 * either end, at most 40 characters; a name that starts with a digit gets `f_` in front. null: nothing is left.
 */
export function featureKey(name: string): string | null {
  let key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!key) return null;
  if (!/^[a-z]/.test(key)) key = `f_${key}`;
  key = key.slice(0, FEATURE_KEY_MAX_LENGTH).replace(/_+$/, '');
  return FEATURE_KEY_RE.test(key) ? key : null;
}

/**
 * The event names (normalised) that mean one of the six product features besides the feature's own name. Kept
 * short and explicit: a name that only contains a feature's word ("Dashboards Shared") is the team's own feature.
 */
export const PRODUCT_FEATURE_SYNONYMS: Readonly<Record<ProductFeature, readonly string[]>> = {
  dashboards: ['dashboard', 'dashboard_view', 'dashboard_viewed', 'dashboards_viewed', 'view_dashboard', 'viewed_dashboard'],
  reports: ['report', 'report_export', 'report_exported', 'reports_exported', 'export_report', 'exported_report', 'report_viewed', 'report_created'],
  integrations: ['integration', 'integration_sync', 'integration_synced', 'integration_connected', 'connector_added', 'connector_sync', 'webhook', 'webhook_created', 'webhook_sent'],
  automation: ['automations', 'automation_run', 'workflow', 'workflow_run', 'workflow_ran', 'workflow_triggered', 'rule_triggered'],
  api: ['api_call', 'api_calls', 'api_request', 'api_requests'],
  sso: ['sso_login', 'sso_sign_in', 'single_sign_on', 'saml_login'],
};

const SYNONYM_TO_FEATURE = new Map<string, ProductFeature>(
  PRODUCT_FEATURES.flatMap((f) => [[f, f] as [string, ProductFeature], ...PRODUCT_FEATURE_SYNONYMS[f].map((s) => [s, f] as [string, ProductFeature])]),
);

export function isProductFeature(key: string): key is ProductFeature {
  return (PRODUCT_FEATURES as readonly string[]).includes(key);
}

/** Where an event name is counted: one of the six when its normalised form is the feature or a synonym, else its own key (null: no key). */
export function storedFeatureKey(name: string): string | null {
  const key = featureKey(name);
  if (key === null) return null;
  return SYNONYM_TO_FEATURE.get(key) ?? key;
}

/**
 * Why `name` is not a feature key as a usage month stores it (null: it is one), saying the key its events are counted
 * under. A playbook's product-event trigger names a key, not an event name, so what it names is what it counts.
 */
export function featureKeyProblem(name: string): string | null {
  if (featureKey(name) === name) return null;
  const stored = storedFeatureKey(name);
  const rule = `a key is lowercase letters, digits and single _ between them, starting with a letter, at most ${FEATURE_KEY_MAX_LENGTH} characters`;
  return `"${name}" is not a feature key: ${rule}${stored ? ` (events named "${name}" are counted under "${stored}")` : ''}`;
}

/** A usage month's own feature keys (all but the six). */
export function ownFeatureKeys(featureEvents: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(featureEvents).filter((k) => !isProductFeature(k));
}

/**
 * The book-wide cap on own features: the own keys the book already holds stay; new ones are admitted most events
 * first (then by key, so the choice does not depend on the order of the rows) until the book holds `cap`. Returns
 * the admitted new keys and the refused ones with their event counts.
 */
export function admitOwnFeatures(
  known: ReadonlySet<string>,
  candidates: ReadonlyMap<string, number>,
  cap = OWN_FEATURE_CAP,
): { admitted: Set<string>; refused: Map<string, number> } {
  const admitted = new Set<string>();
  const refused = new Map<string, number>();
  const fresh = [...candidates].filter(([key]) => !isProductFeature(key) && !known.has(key));
  fresh.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let room = Math.max(0, cap - known.size);
  for (const [key, events] of fresh) {
    if (room > 0) {
      admitted.add(key);
      room -= 1;
    } else refused.set(key, events);
  }
  return { admitted, refused };
}
