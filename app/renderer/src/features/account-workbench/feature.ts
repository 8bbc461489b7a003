import { createElement, lazy } from 'react';
import type { FeatureManifest, PageProps } from '../feature-manifest';

const AccountWorkbenchPage = lazy(() =>
  import('./AccountWorkbench').then((m) => ({
    default: ({ params }: PageProps) => createElement(m.AccountWorkbench, { accountId: params['id'] ?? '' }),
  })),
);

export const accountWorkbenchFeature: FeatureManifest = {
  id: 'account-workbench',
  route: { path: '/accounts/:id', page: AccountWorkbenchPage },
};
