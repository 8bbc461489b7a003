import { useMemo } from 'react';
import { Link } from 'wouter';
import type { Account } from '../../../../../common/model';
import { activeInterventions, type ActiveInterventionRow } from '../../../../../common/analytics/interventions';
import { formatCount, formatPercent, formatUsd } from '../../../../../common/format/format';
import { ACTIVE_STATUSES } from '../../../../../common/playbooks/execution';
import { playbookSchema, type Playbook } from '../../../../../common/playbooks/playbook-definition';
import { useExecutions, usePlaybookDocs } from '../playbooks/playbook-data';
import { ChartPanel } from './ChartPanel';
import { interventionsOption, type ChartColors } from './chart-options';
import { MetricTable, type MetricColumn } from './MetricTable';

const ACTIVE = { status: { $in: [...ACTIVE_STATUSES] } };

/** The dashboard's "active interventions with progress": running, waiting and paused playbooks on the slice's accounts. */
export function ActiveInterventionsPanel({ accounts, colors }: { accounts: readonly Account[]; colors: ChartColors }) {
  const executions = useExecutions(ACTIVE);
  const docs = usePlaybookDocs();
  const versions = useMemo(() => {
    const map = new Map<string, Playbook>();
    for (const doc of docs ?? []) {
      const parsed = playbookSchema.safeParse(doc.definition);
      if (parsed.success) map.set(doc.id, parsed.data);
    }
    return map;
  }, [docs]);
  const rows = useMemo(() => activeInterventions(accounts, executions ?? [], versions), [accounts, executions, versions]);
  const formula = 'Per playbook: executions running, waiting or paused on these accounts; ARR covered counts each account once; progress = steps done ÷ (steps done + the fewest steps left to the end).';

  if (rows.length === 0) {
    return (
      <section className="analytics-panel" aria-labelledby="active-interventions-title" data-testid="panel-active-interventions">
        <h2 id="active-interventions-title">Active interventions</h2>
        <p className="muted">{executions === undefined ? 'Reading playbook runs…' : 'No playbook is running on these accounts.'}</p>
        <Link href="/playbooks">Start a playbook</Link>
      </section>
    );
  }
  return (
    <ChartPanel
      id="active-interventions"
      title="Active interventions"
      formula={formula}
      option={interventionsOption(rows, colors)}
      summary={rows.map((r) => `${r.playbookName}: ${r.accounts} accounts, ${formatUsd(r.arr)} ARR, ${progressText(r)}`).join('; ')}
      table={<MetricTable caption="Active interventions by playbook" columns={columns} rows={rows} rowKey={(r) => r.playbookId} fileName="active-interventions" testId="table-interventions" />}
    />
  );
}

function progressText(r: ActiveInterventionRow): string {
  return r.progress === null ? 'progress unknown' : `${formatPercent(r.progress, 0)} (${r.stepsDone} of ${r.stepsTotal} steps)`;
}

const columns: MetricColumn<ActiveInterventionRow>[] = [
  { header: 'Playbook', value: (r) => r.playbookName },
  { header: 'Active runs', value: (r) => r.executions, num: true },
  { header: 'Waiting', value: (r) => r.waiting, num: true },
  { header: 'Paused', value: (r) => r.paused, num: true },
  { header: 'Accounts', value: (r) => r.accounts, display: (r) => formatCount(r.accounts), num: true },
  { header: 'ARR covered', value: (r) => r.arr, display: (r) => formatUsd(r.arr), num: true },
  { header: 'Steps done', value: (r) => r.stepsDone, num: true },
  { header: 'Steps total', value: (r) => r.stepsTotal, num: true },
  { header: 'Progress', value: (r) => r.progress, display: (r) => progressText(r), num: true },
  { header: 'Version not synced', value: (r) => r.withoutVersion, num: true },
];
