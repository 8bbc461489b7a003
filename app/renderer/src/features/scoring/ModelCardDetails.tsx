import type { TeamModelCard } from '../../../../../common/intelligence/retrain';

/** What the card says about the CSMs' "this alert was wrong" (common/intelligence/alert-feedback.ts). */
function feedbackText(card: TeamModelCard): string {
  const fb = card.feedback;
  if (!fb) return 'Not used';
  if (fb.markedWrong === 0) return 'No alert was marked wrong';
  return (
    `${fb.used} of ${fb.markedWrong} "this alert was wrong" items used: ${fb.confirmedNegatives} training renewals the account then renewed ` +
    `(weighted ${fb.weight}×), ${fb.contradicted} churned anyway (the outcome stands)${fb.contracted ? `, ${fb.contracted} contracted` : ''}. ` +
    `An item counts for a training renewal up to ${fb.horizonDays} days after it; the rest concern later renewals or none yet.`
  );
}

/** The candidate churn model's card: what it learnt from, on which renewals, the feedback it used, its features' coverage. */
export function ModelCardDetails({ card }: { card: TeamModelCard }) {
  return (
    <details>
      <summary>Model card</summary>
      <dl className="model-card" data-testid="model-card">
        <dt>Version</dt>
        <dd>{card.version}</dd>
        <dt>Data</dt>
        <dd>{card.data}</dd>
        <dt>Training renewals</dt>
        <dd>{`${card.trainingWindow.rows}, ${card.trainingWindow.from} to ${card.trainingWindow.to}`}</dd>
        <dt>Calibration renewals</dt>
        <dd>{`${card.calibrationWindow.rows}, ${card.calibrationWindow.from} to ${card.calibrationWindow.to}`}</dd>
        <dt>Held-out renewals</dt>
        <dd>{`${card.testWindow.rows}, ${card.testWindow.from} to ${card.testWindow.to}`}</dd>
        <dt>CSM feedback</dt>
        <dd data-testid="model-card-feedback">{feedbackText(card)}</dd>
        <dt>Features and coverage</dt>
        <dd>
          <ul>
            {card.coverage.map((c) => (
              <li key={c.feature}>
                {c.feature}: {(c.coverage * 100).toFixed(0)}%{c.coverage === 0 ? ' (never measured: left out)' : ''}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </details>
  );
}
