import { formatUsd } from '../../../../../common/format/format';
import { annualRecurringRevenue } from '../../../../../common/model/derived-fields';

/** The MRR and ARR entries of a description list (the header's facts, the revenue panel's figures). */
export function RecurringRevenueFacts({ mrr }: { mrr: number }) {
  return (
    <>
      <div>
        <dt>MRR</dt>
        <dd>{formatUsd(mrr)}</dd>
      </div>
      <div>
        <dt>ARR</dt>
        <dd>{formatUsd(annualRecurringRevenue(mrr))}</dd>
      </div>
    </>
  );
}
