import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, metaContentSecurityPolicy } from './content-security-policy';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the policy of the renderer index.html <meta> tag', () => {
    const html = readFileSync(join(__dirname, '../renderer/index.html'), 'utf8');
    expect(metaContentSecurityPolicy(html)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('finds no policy in a page without the meta tag', () => {
    expect(metaContentSecurityPolicy('<html><head><meta charset="utf-8"></head></html>')).toBeNull();
  });
});
