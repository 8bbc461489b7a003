import type { Condition, GroupCondition, Operator, RuleCondition } from '../../../../../common/segments/segment-condition';
import { OPERATORS_BY_KIND, SEGMENT_FIELDS, segmentField } from '../../../../../common/segments/segment-fields';
import './segments.css';

const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'is', neq: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', in: 'is one of', includes: 'includes', excludes: 'excludes', empty: 'is empty', notEmpty: 'is not empty',
};

function defaultRule(): RuleCondition {
  return { kind: 'rule', field: 'tier', op: 'eq', value: 'Enterprise' };
}

function RuleEditor({ rule, onChange, onRemove, label }: { rule: RuleCondition; onChange(next: RuleCondition): void; onRemove(): void; label: string }) {
  const spec = segmentField(rule.field);
  const kind = spec?.kind ?? 'text';
  const ops = OPERATORS_BY_KIND[kind] as Operator[];
  const needsValue = rule.op !== 'empty' && rule.op !== 'notEmpty';
  const setField = (field: string) => {
    const next = segmentField(field)!;
    const op = (OPERATORS_BY_KIND[next.kind] as Operator[])[0]!;
    const value = next.kind === 'number' ? 0 : next.options?.[0] ?? '';
    onChange({ kind: 'rule', field, op, value, ...(next.windowed ? { days: 30 } : {}) });
  };
  const valueText = Array.isArray(rule.value) ? rule.value.join(', ') : rule.value === undefined || rule.value === null ? '' : String(rule.value);
  return (
    <div className="condition-rule" role="group" aria-label={label}>
      <select aria-label={`${label} field`} value={rule.field} onChange={(e) => setField(e.target.value)}>
        {SEGMENT_FIELDS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </select>
      {spec?.windowed && (
        <label className="inline">
          over
          <input aria-label={`${label} days`} type="number" min={1} max={366} value={rule.days ?? 30} onChange={(e) => onChange({ ...rule, days: Number(e.target.value) || 1 })} />
          days
        </label>
      )}
      <select aria-label={`${label} operator`} value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as Operator })}>
        {ops.map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      {needsValue &&
        (spec?.options && rule.op !== 'in' ? (
          <select aria-label={`${label} value`} value={String(rule.value ?? '')} onChange={(e) => onChange({ ...rule, value: e.target.value })}>
            {spec.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        ) : (
          <input
            aria-label={`${label} value`}
            value={valueText}
            inputMode={kind === 'number' ? 'decimal' : undefined}
            onChange={(e) => {
              const text = e.target.value;
              const value = rule.op === 'in' ? text.split(',').map((s) => s.trim()).filter(Boolean) : kind === 'number' ? (text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text)) : text;
              onChange({ ...rule, value });
            }}
          />
        ))}
      <button type="button" aria-label={`Remove ${label}`} onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}

function GroupEditor({ group, onChange, onRemove, label, depth }: { group: GroupCondition; onChange(next: GroupCondition): void; onRemove?: () => void; label: string; depth: number }) {
  const setChild = (index: number, child: Condition | null) =>
    onChange({ ...group, conditions: child === null ? group.conditions.filter((_, i) => i !== index) : group.conditions.map((c, i) => (i === index ? child : c)) });
  return (
    <fieldset className="condition-group" style={{ marginLeft: depth ? 16 : 0 }}>
      <legend>
        <select aria-label={`${label} match`} value={group.match} onChange={(e) => onChange({ ...group, match: e.target.value as 'all' | 'any' })}>
          <option value="all">All of</option>
          <option value="any">Any of</option>
        </select>
        {onRemove && (
          <button type="button" aria-label={`Remove ${label}`} onClick={onRemove}>
            ✕
          </button>
        )}
      </legend>
      {group.conditions.length === 0 && <p className="muted">{group.match === 'all' ? 'No conditions: matches every account.' : 'No conditions: matches no account.'}</p>}
      {group.conditions.map((child, index) =>
        child.kind === 'group' ? (
          <GroupEditor key={index} group={child} depth={depth + 1} label={`${label} group ${index + 1}`} onChange={(next) => setChild(index, next)} onRemove={() => setChild(index, null)} />
        ) : (
          <RuleEditor key={index} rule={child} label={`${label} condition ${index + 1}`} onChange={(next) => setChild(index, next)} onRemove={() => setChild(index, null)} />
        ),
      )}
      <div className="condition-actions">
        <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, defaultRule()] })}>
          Add condition
        </button>
        {depth < 3 && (
          <button type="button" onClick={() => onChange({ ...group, conditions: [...group.conditions, { kind: 'group', match: 'any', conditions: [defaultRule()] }] })}>
            Add group
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The condition editor: all / any groups, nested, over the segment field catalogue. */
export function ConditionEditor({ value, onChange, label }: { value: Condition; onChange(next: Condition): void; label: string }) {
  const group: GroupCondition = value.kind === 'group' ? value : { kind: 'group', match: 'all', conditions: [value] };
  return <GroupEditor group={group} onChange={onChange} label={label} depth={0} />;
}
