import type { PlaybookInput } from './playbook-definition';

/**
 * The playbooks a team starts from. Each is a valid playbook (a test validates all of them); the builder copies one
 * under a new id. Times are in days.
 */
export interface PlaybookTemplate {
  key: string;
  label: string;
  build(id: string): PlaybookInput;
}

const ownerTask = (title: string, dueInDays: number, taskType: 'risk' | 'opportunity' | 'lifecycle' | 'manual', priority: 'high' | 'medium' | 'low' = 'medium') =>
  ({ title, detail: '', taskType, priority, dueInDays, assignee: 'account-owner' as const });

export const PLAYBOOK_TEMPLATES: readonly PlaybookTemplate[] = [
  {
    key: 'onboarding',
    label: 'Onboarding (first 90 days)',
    build: (id) => ({
      id, version: 1, name: 'Onboarding (first 90 days)', description: 'Kick-off, first value, adoption check and a 90-day review for a new customer.',
      trigger: { kind: 'contract-start', daysAfter: 0 },
      start: 'welcome',
      steps: [
        { id: 'welcome', type: 'email', email: { to: '{{contact.email}}', subject: 'Welcome to the team, {{account.name}}', body: 'Hi {{contact.name}},\n\nI am {{owner.name}}, your customer success manager. Let us plan your kick-off.' }, next: 'kickoff' },
        { id: 'kickoff', type: 'schedule-meeting', meeting: { title: 'Kick-off with {{account.name}}', dueInDays: 7 }, awaitCompletion: false, next: 'wait-30' },
        { id: 'wait-30', type: 'wait', wait: { days: 30 }, next: 'adoption' },
        { id: 'adoption', type: 'branch', branch: { if: { kind: 'rule', field: 'seatUtilization', op: 'lt', value: 40 } }, then: 'adoption-task', else: 'review' },
        { id: 'adoption-task', type: 'create-task', task: ownerTask('Low adoption at {{account.name}}: plan training', 3, 'lifecycle', 'high'), awaitCompletion: false, next: 'review' },
        { id: 'review', type: 'schedule-meeting', meeting: { title: '90-day review with {{account.name}}', dueInDays: 60 }, awaitCompletion: true, next: 'end' },
        { id: 'end', type: 'end', outcome: 'no-effect' },
      ],
    }),
  },
  {
    key: 'renewal-120',
    label: '120-day renewal',
    build: (id) => ({
      id, version: 1, name: '120-day renewal', description: 'Prepare the renewal from 120 days out: health check, proposal, follow-up.',
      trigger: { kind: 'renewal-date', daysBefore: 120 },
      start: 'prep',
      steps: [
        { id: 'prep', type: 'create-task', task: ownerTask('Renewal prep for {{account.name}} (renews {{account.renewalDate}})', 7, 'lifecycle', 'high'), awaitCompletion: true, next: 'risky' },
        { id: 'risky', type: 'branch', branch: { if: { kind: 'rule', field: 'healthBand', op: 'eq', value: 'red' } }, then: 'escalate', else: 'proposal' },
        { id: 'escalate', type: 'notify', notify: { message: '{{account.name}} renews in {{account.daysToRenewal}} days with red health' }, next: 'proposal' },
        { id: 'proposal', type: 'email', email: { to: '{{contact.email}}', subject: 'Your renewal, {{account.name}}', body: 'Hi {{contact.name}}, your renewal is on {{account.renewalDate}}. Shall we review the year together?' }, next: 'wait-30' },
        { id: 'wait-30', type: 'wait', wait: { days: 30 }, next: 'follow-up' },
        { id: 'follow-up', type: 'create-task', task: ownerTask('Follow up on the renewal proposal for {{account.name}}', 3, 'lifecycle'), awaitCompletion: true, next: 'end' },
        { id: 'end', type: 'end', outcome: 'from-revenue' },
      ],
    }),
  },
  {
    key: 'risk-save',
    label: 'Risk save plan',
    build: (id) => ({
      id, version: 1, name: 'Risk save plan', description: 'When an account turns high risk: a save call, an executive touch and a check two weeks later.',
      trigger: { kind: 'segment-enter', segmentName: 'High risk', condition: { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'risk', op: 'gte', value: 70 }] } },
      start: 'call',
      steps: [
        { id: 'call', type: 'create-task', task: ownerTask('Save call with {{account.name}} (risk {{account.risk}})', 2, 'risk', 'high'), awaitCompletion: true, next: 'log' },
        { id: 'log', type: 'log-activity', activity: { subject: 'Risk save plan started', body: 'Risk {{account.risk}}, health {{account.health}}' }, next: 'wait' },
        { id: 'wait', type: 'wait', wait: { until: { kind: 'rule', field: 'risk', op: 'lt', value: 50 }, timeoutDays: 14 }, next: 'saved', timeoutNext: 'exec' },
        { id: 'exec', type: 'create-task', task: ownerTask('Executive sponsor call for {{account.name}}', 3, 'risk', 'high'), awaitCompletion: false, next: 'not-saved' },
        { id: 'saved', type: 'end', outcome: 'saved' },
        { id: 'not-saved', type: 'end', outcome: 'from-revenue' },
      ],
    }),
  },
  {
    key: 'expansion',
    label: 'Expansion',
    build: (id) => ({
      id, version: 1, name: 'Expansion', description: 'High expansion propensity and healthy: size the opportunity and propose.',
      trigger: { kind: 'condition', condition: { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'expansion', op: 'gte', value: 70 }, { kind: 'rule', field: 'healthBand', op: 'eq', value: 'green' }] } },
      start: 'size',
      steps: [
        { id: 'size', type: 'create-task', task: ownerTask('Size the expansion at {{account.name}} (seat use high)', 5, 'opportunity', 'high'), awaitCompletion: true, next: 'email' },
        { id: 'email', type: 'email', email: { to: '{{contact.email}}', subject: 'More seats for {{account.name}}?', body: 'Hi {{contact.name}}, your team is growing fast.' }, next: 'end' },
        { id: 'end', type: 'end', outcome: 'from-revenue' },
      ],
    }),
  },
  {
    key: 'ebr',
    label: 'Executive business review',
    build: (id) => ({
      id, version: 1, name: 'Executive business review', description: 'Prepare and hold an EBR for enterprise accounts.',
      trigger: { kind: 'manual' },
      filter: { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'tier', op: 'eq', value: 'Enterprise' }] },
      start: 'deck',
      steps: [
        { id: 'deck', type: 'create-task', task: ownerTask('Prepare the EBR deck for {{account.name}}', 10, 'lifecycle'), awaitCompletion: true, next: 'meeting' },
        { id: 'meeting', type: 'schedule-meeting', meeting: { title: 'EBR with {{account.name}}', dueInDays: 14 }, awaitCompletion: true, next: 'log' },
        { id: 'log', type: 'log-activity', activity: { subject: 'EBR held', body: '' }, next: 'end' },
        { id: 'end', type: 'end', outcome: 'no-effect' },
      ],
    }),
  },
  {
    key: 'low-adoption',
    label: 'Low adoption',
    build: (id) => ({
      id, version: 1, name: 'Low adoption', description: 'Seat use under 50 %: training offer, then check again in three weeks.',
      trigger: { kind: 'segment-enter', segmentName: 'Low adoption', condition: { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'seatUtilization', op: 'lt', value: 50 }] } },
      start: 'training',
      steps: [
        { id: 'training', type: 'create-task', task: ownerTask('Offer training to {{account.name}}', 3, 'lifecycle', 'high'), awaitCompletion: true, next: 'wait' },
        { id: 'wait', type: 'wait', wait: { until: { kind: 'rule', field: 'seatUtilization', op: 'gte', value: 50 }, timeoutDays: 21 }, next: 'recovered', timeoutNext: 'escalate' },
        { id: 'escalate', type: 'notify', notify: { message: 'Adoption at {{account.name}} is still low after three weeks' }, next: 'no-effect' },
        { id: 'recovered', type: 'end', outcome: 'saved' },
        { id: 'no-effect', type: 'end', outcome: 'no-effect' },
      ],
    }),
  },
];
