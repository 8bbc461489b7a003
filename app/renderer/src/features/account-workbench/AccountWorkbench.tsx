import type { RxDocument } from 'rxdb';
import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../../../../../common/model';
import { Link } from 'wouter';
import { UndoToast } from '../../components/UndoToast';
import { AfterPaint, useAfterFirstPaint } from '../../components/AfterPaint';
import { AccountScoresPanel } from './AccountScoresPanel';
import { AccountDetails } from './AccountDetails';
import { AccountHeader } from './AccountHeader';
import { ActivityForm } from './ActivityForm';
import { ActivityTimeline } from './ActivityTimeline';
import { ContactsPanel } from './ContactsPanel';
import { CustomFieldsPanel } from './CustomFieldsPanel';
import { FieldHistoryPanel } from './FieldHistoryPanel';
import { RevenuePanel } from './RevenuePanel';
import { SharedNotesPanel } from '../shared-notes/SharedNotesPanel';
import { InterventionsPanel } from '../playbooks/InterventionsPanel';
import { ScheduleMeetingButton } from '../calendar/ScheduleMeetingButton';
import { UsageTrendChart } from './UsageTrendChart';
import {
  useAccountActivities,
  useAccountContacts,
  useAccountDocument,
  useAccountRevenue,
  useAccountUsage,
  useBookAccount,
} from './account-data';
import './account-workbench.css';

function WorkbenchSkeleton() {
  return (
    <div className="page account-workbench" aria-busy="true" aria-label="Loading account">
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-line" />
      <PanelsSkeleton />
    </div>
  );
}

function PanelsSkeleton() {
  return (
    <div className="workbench-grid" aria-busy="true">
      <div className="skeleton skeleton-panel" />
      <div className="skeleton skeleton-panel" />
    </div>
  );
}

/** Where a heavy panel will be, until it renders in a task of its own after the page's first paint. */
function PanelSkeleton({ name }: { name: string }) {
  return (
    <section className="panel panel-loading" aria-busy="true" aria-label={`${name}, loading`}>
      <div className="skeleton skeleton-line" />
      <div className="skeleton skeleton-block" />
    </section>
  );
}

/**
 * One account on one screen: header, revenue, usage, contacts, the activity timeline, and in-place edits.
 * The header shows at once from the book in memory (the accounts store) while the account's documents load; the panels
 * come after that first paint, the heavier ones (charts, history, revenue, notes, interventions, timeline) each in a
 * task of its own behind a skeleton. Everything shown after the first paint, and every edit, is the RxDB document's.
 */
export function AccountWorkbench({ accountId }: { accountId: string }) {
  const doc = useAccountDocument(accountId);
  const inBook = useBookAccount(accountId);
  const activities = useAccountActivities(accountId);
  const contacts = useAccountContacts(accountId);
  const revenue = useAccountRevenue(accountId);
  const usage = useAccountUsage(accountId);
  const painted = useAfterFirstPaint();

  if (doc === null) {
    return (
      <div className="page">
        <h1>Account not found</h1>
        <p>
          There is no account with id <code>{accountId}</code> in this book. It may have been deleted, or the link is
          wrong.
        </p>
        <p>
          <Link href="/accounts">Back to accounts</Link>
        </p>
      </div>
    );
  }
  const account = doc ?? inBook;
  if (!account) return <WorkbenchSkeleton />;

  return (
    <div className="page account-workbench">
      <AccountHeader account={account} />
      {doc && painted ? (
        <WorkbenchPanels doc={doc} activities={activities} contacts={contacts} revenue={revenue} usage={usage} />
      ) : (
        <PanelsSkeleton />
      )}
      <UndoToast />
    </div>
  );
}

interface PanelsProps {
  doc: RxDocument<Account>;
  activities: RxDocument<Activity>[] | undefined;
  contacts: RxDocument<Contact>[] | undefined;
  revenue: RxDocument<RevenueEvent>[] | undefined;
  usage: RxDocument<UsageMonth>[] | undefined;
}

function WorkbenchPanels({ doc, activities, contacts, revenue, usage }: PanelsProps) {
  return (
    <>
      <ScheduleMeetingButton account={doc.toJSON() as Account} contacts={(contacts ?? []).map((c) => c.toJSON() as Contact)} />
      <div className="workbench-grid">
        <div className="workbench-column">
          <AfterPaint fallback={<PanelSkeleton name="Scores" />}>
            <AccountScoresPanel account={doc} />
          </AfterPaint>
          <AccountDetails doc={doc} />
          <CustomFieldsPanel doc={doc} />
          <AfterPaint fallback={<PanelSkeleton name="Field history" />}>
            <FieldHistoryPanel doc={doc} />
          </AfterPaint>
          <AfterPaint fallback={<PanelSkeleton name="Revenue" />}>
            <RevenuePanel account={doc} events={revenue} />
          </AfterPaint>
        </div>
        <div className="workbench-column">
          <AfterPaint fallback={<PanelSkeleton name="Usage" />}>
            <UsageTrendChart months={usage} seatsPurchased={doc.seatsPurchased} />
          </AfterPaint>
          <ContactsPanel contacts={contacts} />
          <ActivityForm account={doc} />
          <AfterPaint fallback={<PanelSkeleton name="Shared notes" />}>
            <SharedNotesPanel account={doc} />
          </AfterPaint>
          <AfterPaint fallback={<PanelSkeleton name="Interventions" />}>
            <InterventionsPanel account={doc} />
          </AfterPaint>
        </div>
      </div>
      <AfterPaint fallback={<PanelSkeleton name="Recent activities" />}>
        <ActivityTimeline activities={activities} />
      </AfterPaint>
    </>
  );
}
