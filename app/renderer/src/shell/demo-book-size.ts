export const DEFAULT_DEMO_ACCOUNTS = 250;
const MAX_DEMO_ACCOUNTS = 100_000;

/** `?demo=10000` asks for a larger demo book on first start (team-sized and benchmark books). */
export function demoBookSizeFromUrl(search: string): number {
  const raw = new URLSearchParams(search).get('demo');
  const size = raw === null ? NaN : Number(raw);
  return Number.isInteger(size) && size > 0 && size <= MAX_DEMO_ACCOUNTS ? size : DEFAULT_DEMO_ACCOUNTS;
}

/** `?profile=support-led` asks for the second book profile on first start (another causal story behind churn). */
export function demoBookProfileFromUrl(search: string): 'support-led' | undefined {
  return new URLSearchParams(search).get('profile') === 'support-led' ? 'support-led' : undefined;
}
