import type { ComparableAccount, InterventionStep } from '../../../../../common/analytics/intervention-success';

/**
 * The intervention outcomes the console measures. Playbooks and their executions are being built in parallel and are
 * not in this book yet, so there is nothing to read: the panel stays hidden until there is. When the executions
 * collection lands, map each finished step (and the same period's accounts without one) into these shapes here.
 */
export function interventionInputs(): { steps: readonly InterventionStep[]; comparable: readonly ComparableAccount[] } {
  return { steps: [], comparable: [] };
}
