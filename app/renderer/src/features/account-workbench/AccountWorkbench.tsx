import type { Account, Contact } from '../../../../../common/model';
import { Link } from 'wouter';
import { UndoToast } from '../../components/UndoToast';
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
} from './account-data';
import './account-workbench.css';

function WorkbenchSkeleton() {
  return (
    <div className="page account-workbench" aria-busy="true" aria-label="Loading account">
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-line" />
      <div className="workbench-grid">
        <div className="skeleton skeleton-panel" />
        <div className="skeleton skeleton-panel" />
      </div>
    </div>
  );
}

/** One account on one screen: header, revenue, usage, contacts, the activity timeline, and in-place edits. */
export function AccountWorkbench({ accountId }: { accountId: string }) {
  const doc = useAccountDocument(accountId);
  const activities = useAccountActivities(accountId);
  const contacts = useAccountContacts(accountId);
  const revenue = useAccountRevenue(accountId);
  const usage = useAccountUsage(accountId);

  if (doc === undefined) return <WorkbenchSkeleton />;
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

  return (
    <div className="page account-workbench">
      <AccountHeader account={doc} />
      <ScheduleMeetingButton account={doc.toJSON() as Account} contacts={(contacts ?? []).map((c) => c.toJSON() as Contact)} />
      <div className="workbench-grid">
        <div className="workbench-column">
          <AccountScoresPanel account={doc} />
          <AccountDetails doc={doc} />
          <CustomFieldsPanel doc={doc} />
          <FieldHistoryPanel doc={doc} />
          <RevenuePanel account={doc} events={revenue} />
        </div>
        <div className="workbench-column">
          <UsageTrendChart months={usage} seatsPurchased={doc.seatsPurchased} />
          <ContactsPanel contacts={contacts} />
          <ActivityForm account={doc} />
          <SharedNotesPanel account={doc} />
          <InterventionsPanel account={doc} />
        </div>
      </div>
      <ActivityTimeline activities={activities} />
      <UndoToast />
    </div>
  );
}
