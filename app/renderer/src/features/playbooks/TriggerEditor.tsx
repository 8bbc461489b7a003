import type { PlaybookTrigger } from '../../../../../common/playbooks/playbook-definition';
import { ALERT_RULES } from '../../../../../common/model';
import { productEventFeatureOptions } from '../../../../../common/playbooks/trigger-features';
import { ConditionEditor } from '../segments/ConditionEditor';
import { useSegments } from '../segments/segments-store';
import { useBookOwnFeatureKeys } from './book-own-features';

const KINDS: { kind: PlaybookTrigger['kind']; label: string }[] = [
  { kind: 'segment-enter', label: 'Account enters a segment' },
  { kind: 'segment-leave', label: 'Account leaves a segment' },
  { kind: 'condition', label: 'A condition becomes true' },
  { kind: 'score-change', label: 'A score changes' },
  { kind: 'alert-raised', label: 'An alert is raised' },
  { kind: 'renewal-date', label: 'Days before renewal' },
  { kind: 'contract-start', label: 'Days after contract start' },
  { kind: 'product-event', label: 'Product events this month reach' },
  { kind: 'manual', label: 'Started by hand' },
];

const ALL = { kind: 'group', match: 'all', conditions: [] } as const;

function defaultTrigger(kind: PlaybookTrigger['kind']): PlaybookTrigger {
  switch (kind) {
    case 'segment-enter':
    case 'segment-leave':
      return { kind, segmentName: 'Segment', condition: { ...ALL, conditions: [{ kind: 'rule', field: 'healthBand', op: 'eq', value: 'red' }] } };
    case 'condition':
      return { kind, condition: { ...ALL, conditions: [{ kind: 'rule', field: 'risk', op: 'gte', value: 70 }] } };
    case 'score-change':
      return { kind, score: 'health', direction: 'down', points: 10, days: 30 };
    case 'alert-raised':
      return { kind };
    case 'renewal-date':
      return { kind, daysBefore: 120 };
    case 'contract-start':
      return { kind, daysAfter: 0 };
    case 'product-event':
      return { kind, feature: 'integrations', atLeast: 1 };
    case 'manual':
      return { kind };
  }
}

/** The trigger: what starts the playbook on an account. A segment trigger copies the segment's conditions. */
export function TriggerEditor({ value, onChange }: { value: PlaybookTrigger; onChange(next: PlaybookTrigger): void }) {
  const segments = useSegments();
  return (
    <fieldset>
      <legend>Trigger</legend>
      <label className="block">
        Starts when
        <select aria-label="Trigger" value={value.kind} onChange={(e) => onChange(defaultTrigger(e.target.value as PlaybookTrigger['kind']))}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {(value.kind === 'segment-enter' || value.kind === 'segment-leave') && (
        <>
          <label className="block">
            Segment name <input value={value.segmentName} onChange={(e) => onChange({ ...value, segmentName: e.target.value })} />
          </label>
          {segments && segments.segments.length > 0 && (
            <label className="block">
              Copy conditions from a saved segment
              <select
                value=""
                onChange={(e) => {
                  const s = segments.segments.find((x) => x.id === e.target.value);
                  if (s) onChange({ ...value, segmentName: s.name, condition: s.condition });
                }}
              >
                <option value="">—</option>
                {segments.segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      {'condition' in value && <ConditionEditor label="Trigger" value={value.condition} onChange={(condition) => onChange({ ...value, condition })} />}
      {value.kind === 'score-change' && (
        <div className="condition-rule">
          <select aria-label="Score" value={value.score} onChange={(e) => onChange({ ...value, score: e.target.value as 'health' })}>
            <option value="health">Health</option>
            <option value="risk">Risk</option>
            <option value="expansion">Expansion</option>
          </select>
          <select aria-label="Direction" value={value.direction} onChange={(e) => onChange({ ...value, direction: e.target.value as 'up' })}>
            <option value="down">falls by</option>
            <option value="up">rises by</option>
          </select>
          <input aria-label="Points" type="number" value={value.points} onChange={(e) => onChange({ ...value, points: Number(e.target.value) })} /> points in
          <input aria-label="Days" type="number" value={value.days} onChange={(e) => onChange({ ...value, days: Number(e.target.value) })} /> days
        </div>
      )}
      {value.kind === 'alert-raised' && (
        <select aria-label="Alert rule" value={value.rule ?? ''} onChange={(e) => onChange(e.target.value ? { kind: 'alert-raised', rule: e.target.value as (typeof ALERT_RULES)[number] } : { kind: 'alert-raised' })}>
          <option value="">any rule</option>
          {ALERT_RULES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      )}
      {value.kind === 'renewal-date' && (
        <label className="block">
          Days before renewal <input type="number" value={value.daysBefore} onChange={(e) => onChange({ ...value, daysBefore: Number(e.target.value) })} />
        </label>
      )}
      {value.kind === 'contract-start' && (
        <label className="block">
          Days after contract start <input type="number" value={value.daysAfter} onChange={(e) => onChange({ ...value, daysAfter: Number(e.target.value) })} />
        </label>
      )}
      {value.kind === 'product-event' && <ProductEventTrigger value={value} onChange={onChange} />}
    </fieldset>
  );
}

type ProductEventTriggerValue = Extract<PlaybookTrigger, { kind: 'product-event' }>;

/**
 * The product-event trigger: a threshold and the feature it counts, one of the six or the book's own (read from its
 * usage only while this trigger is shown). A feature the book no longer has stays selected, said so.
 */
function ProductEventTrigger({ value, onChange }: { value: ProductEventTriggerValue; onChange(next: PlaybookTrigger): void }) {
  const ownKeys = useBookOwnFeatureKeys();
  // While the book is read, the feature named now is not yet "not in this book".
  const options = productEventFeatureOptions(ownKeys ?? [value.feature], value.feature);
  return (
    <div className="condition-rule">
      <input aria-label="Product events at least" type="number" min={1} value={value.atLeast} onChange={(e) => onChange({ ...value, atLeast: Number(e.target.value) })} /> events of
      <select aria-label="Product feature" value={value.feature} onChange={(e) => onChange({ ...value, feature: e.target.value })}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      in the month (from the product events the team server ingests or an import; once per account and month)
    </div>
  );
}
