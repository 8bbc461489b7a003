import { createElement, lazy } from 'react';
import type { FeatureManifest, PageProps } from '../feature-manifest';

const AccountWorkbenchPage = lazy(() =>
  import('./AccountWorkbench').then((m) => ({
    // One mount per account (keyed): going from one account to another starts from its header, never the last one's data.
    default: ({ params }: PageProps) => createElement(m.AccountWorkbench, { key: params['id'] ?? '', accountId: params['id'] ?? '' }),
  })),
);

export const accountWorkbenchFeature: FeatureManifest = {
  id: 'account-workbench',
  route: { path: '/accounts/:id', page: AccountWorkbenchPage },
};
