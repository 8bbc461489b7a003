import { describe, expect, it } from 'vitest';
import { featureBreadth } from './account-features';

describe('featureBreadth', () => {
  it("counts only the six product features, so the team's own features do not change the shipped model's input", () => {
    expect(featureBreadth({ dashboards: 3, reports: 0, dashboards_shared: 5, ai_assistant: 2 })).toBe(1);
    // A month with only own features reports none of the six: unknown, not 0.
    expect(featureBreadth({ dashboards_shared: 5 })).toBeNaN();
    expect(featureBreadth({ dashboards: 1, reports: 1, integrations: 1, automation: 1, api: 1, sso: 1 })).toBe(6);
  });
});
