import { useState } from 'react';
import { FORECAST_CALLS, type Account, type ForecastCall } from '../../../../../common/model';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import { humanize } from '../../../../../common/format/format';
import { useDatabase } from '../../db/database-context';
import { useEditPermission } from '../../session/use-edit-permission';

/** The CSM's own call for one renewal, saved on the account (synced like any account edit). */
export function ForecastCallSelect({ account }: { account: Account }) {
  const db = useDatabase();
  const permission = useEditPermission(account);
  const [error, setError] = useState<string | null>(null);
  const change = async (value: string) => {
    setError(null);
    try {
      const doc = await db.accounts.findOne(account.id).exec();
      if (!doc) throw new Error('the account is gone');
      const call = value === '' ? undefined : (value as ForecastCall);
      await doc.incrementalModify((data) => {
        const next = { ...data, ...stampChanges(data.fieldStamps, { forecastCall: call } as Partial<Account>) } as Account;
        if (call === undefined) delete next.forecastCall;
        return next;
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <select
        aria-label={`CSM call for ${account.name}`}
        value={account.forecastCall ?? ''}
        disabled={!permission.allowed}
        title={permission.reason}
        onChange={(e) => void change(e.target.value)}
      >
        <option value="">No call</option>
        {FORECAST_CALLS.map((call) => (
          <option key={call} value={call}>
            {humanize(call)}
          </option>
        ))}
      </select>
      {error && <span className="error" role="alert"> {error}</span>}
    </>
  );
}
