import { useEffect, useState } from 'react';
import { STEP_TYPES, type PlaybookInput, type StepType } from '../../../../../common/playbooks/playbook-definition';

type StepInput = PlaybookInput['steps'][number];

function defaultStep(type: StepType, id: string): StepInput {
  const next = 'end';
  switch (type) {
    case 'create-task':
      return { id, type, task: { title: 'Call {{account.name}}', taskType: 'manual', priority: 'medium', dueInDays: 3 }, awaitCompletion: false, next };
    case 'schedule-meeting':
      return { id, type, meeting: { title: 'Meeting with {{account.name}}', dueInDays: 7 }, next };
    case 'email':
      return { id, type, email: { to: '{{contact.email}}', subject: 'Hello {{contact.name}}', body: '' }, next };
    case 'update-field':
      return { id, type, update: { field: 'lifecycleStage', value: 'renewal' }, next };
    case 'log-activity':
      return { id, type, activity: { subject: 'Note', body: '' }, next };
    case 'notify':
      return { id, type, notify: { message: 'Look at {{account.name}}' }, next };
    case 'webhook':
      return { id, type, webhook: { url: 'https://example.com/hook', body: '{"account":"{{account.name}}"}' }, next };
    case 'wait':
      return { id, type, wait: { days: 7 }, next };
    case 'branch':
      return { id, type, branch: { if: { kind: 'rule', field: 'healthBand', op: 'eq', value: 'red' } }, then: next, else: next };
    case 'end':
      return { id, type, outcome: 'no-effect' };
  }
}

function summary(step: StepInput): string {
  const s = step as Record<string, any>;
  switch (step.type) {
    case 'create-task':
      return `Task "${s.task?.title}" due in ${s.task?.dueInDays} days${s.awaitCompletion ? ', wait until done' : ''} → ${s.next}`;
    case 'schedule-meeting':
      return `Meeting "${s.meeting?.title}" (a task until the calendar is connected) → ${s.next}`;
    case 'email':
      return `Email "${s.email?.subject}" to ${s.email?.to} → ${s.next}`;
    case 'wait':
      return s.wait?.until ? `Wait until a condition, at most ${s.wait.timeoutDays} days → ${s.next}${s.timeoutNext ? `, timeout → ${s.timeoutNext}` : ''}` : `Wait ${s.wait?.days} days → ${s.next}`;
    case 'branch':
      return `If … then → ${s.then}, else → ${s.else}`;
    case 'end':
      return `End (${s.outcome ?? 'outcome from revenue'})`;
    default:
      return `${step.type} → ${s.next}`;
  }
}

function StepCard({ step, index, onChange, onRemove }: { step: StepInput; index: number; onChange(next: StepInput): void; onRemove(): void }) {
  const [text, setText] = useState(() => JSON.stringify(step, null, 1));
  const [problem, setProblem] = useState('');
  useEffect(() => setText(JSON.stringify(step, null, 1)), [step]);
  return (
    <li className="step-card" data-testid="step">
      <div>
        <strong>
          {index + 1}. {step.id}
        </strong>{' '}
        <span className="muted">{summary(step)}</span>{' '}
        <button type="button" aria-label={`Remove step ${step.id}`} onClick={onRemove}>
          ✕
        </button>
      </div>
      <details>
        <summary>Edit step {step.id}</summary>
        <textarea
          aria-label={`Step ${step.id} as JSON`}
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => {
            try {
              onChange(JSON.parse(text) as StepInput);
              setProblem('');
            } catch (error) {
              setProblem(`Not valid JSON: ${(error as Error).message}`);
            }
          }}
        />
        {problem && <p role="alert" className="notice">{problem}</p>}
      </details>
    </li>
  );
}

/** The action sequence: the steps in order, each a card with a summary and its fields (as JSON) to edit. */
export function StepsEditor({ steps, onChange }: { steps: readonly StepInput[]; onChange(next: StepInput[]): void }) {
  const [type, setType] = useState<StepType>('create-task');
  return (
    <fieldset>
      <legend>Action sequence</legend>
      <ol className="execution-list">
        {steps.map((step, index) => (
          <StepCard key={`${index}:${step.id}`} step={step} index={index} onChange={(next) => onChange(steps.map((s, i) => (i === index ? next : s)))} onRemove={() => onChange(steps.filter((_, i) => i !== index))} />
        ))}
      </ol>
      <div className="builder-actions">
        <select aria-label="New step type" value={type} onChange={(e) => setType(e.target.value as StepType)}>
          {STEP_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <button type="button" onClick={() => onChange([...steps, defaultStep(type, `${type.split('-')[0]}-${steps.length + 1}`)])}>
          Add step
        </button>
      </div>
    </fieldset>
  );
}
