import { lazy, Suspense, useState } from 'react';
import type { Account, Contact } from '../../../../../common/model';
import './calendar.css';

const ScheduleMeetingDialog = lazy(() => import('./ScheduleMeetingDialog').then((m) => ({ default: m.ScheduleMeetingDialog })));

/** "Schedule a meeting" for an account (the workbench shows it; tasks and playbook steps can reuse it). */
export function ScheduleMeetingButton({ account, contacts }: { account: Account; contacts: readonly Contact[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        Schedule a meeting
      </button>
      {open && (
        <Suspense fallback={null}>
          <ScheduleMeetingDialog account={account} contacts={contacts} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
