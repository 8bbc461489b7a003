import { describe, expect, it } from 'vitest';
import { demoRenewalExamples } from '../demo/demo-training';
import { DEFAULT_SCORECARD } from './scorecard';
import { proposeScorecardWeights } from './scorecard-optimiser';
import { DEFAULT_TRAINING_OPTIONS } from './training';

describe('scorecard weight optimiser', () => {
  it('on a book where support escalations drive churn, moves weight from usage to support and predicts the later renewals better', () => {
    const examples = demoRenewalExamples({ ...DEFAULT_TRAINING_OPTIONS, accounts: 2500, seed: 12, profile: 'support-led' });
    const proposal = proposeScorecardWeights(examples, DEFAULT_SCORECARD);
    console.log(`scorecard ROC-AUC on ${proposal.heldOut} later renewals: today's weights ${proposal.currentRocAuc.toFixed(3)}, proposed ${proposal.proposedRocAuc.toFixed(3)}`, JSON.stringify(proposal.proposed));
    expect(proposal.current).toMatchObject({ usage: 30, support: 15 });
    const share = (w: Record<string, number>, id: string) => w[id]! / Object.values(w).reduce((a, b) => a + b, 0);
    expect(share(proposal.proposed, 'support')).toBeGreaterThan(share(proposal.current, 'support'));
    expect(proposal.proposed.usage).toBeLessThan(proposal.current.usage);
    expect(proposal.proposedRocAuc).toBeGreaterThan(proposal.currentRocAuc + 0.02);
  });
});
