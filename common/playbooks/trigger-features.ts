import { humanize } from '../format/format';
import { isProductFeature, PRODUCT_FEATURE_LABELS, PRODUCT_FEATURES, type ProductFeature } from '../model';


export interface FeatureOption {
  /** The key the trigger stores (`feature`). */
  value: string;
  label: string;
  /** The team's own feature (not one of the six). */
  own: boolean;
}

/**
 * What a product-event trigger can count, for the trigger editor: the six product features, then the book's own
 * feature keys (its usage months' keys none of the six means), sorted, in words. The feature the trigger names now
 * stays listed even when the book no longer has it (said so), so opening a playbook never changes what it counts.
 */
export function productEventFeatureOptions(ownKeys: readonly string[], current: string): FeatureOption[] {
  const own = [...new Set(ownKeys.filter((key) => !isProductFeature(key)))].sort();
  const options: FeatureOption[] = [
    ...PRODUCT_FEATURES.map((feature) => ({ value: feature, label: PRODUCT_FEATURE_LABELS[feature], own: false })),
    ...own.map((key) => ({ value: key, label: `${humanize(key)} (your team's feature)`, own: true })),
  ];
  if (!options.some((option) => option.value === current)) options.push({ value: current, label: `${humanize(current)} (not in this book's usage now)`, own: true });
  return options;
}
