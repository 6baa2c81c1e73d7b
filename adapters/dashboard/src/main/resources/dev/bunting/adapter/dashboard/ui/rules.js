// Editing one environment's config: individual targets, ordered rules of clauses over every operator the API has
// (each with negation), and what is served: a variant, or a weighted split whose sliders keep the total at 100 %.
import { useState } from 'preact/hooks';
import { Checkbox, Field, Select, html } from './ui.js';

export const OPERATORS = [
  ['in', 'is one of'], ['eq', 'equals'], ['contains', 'contains'], ['starts_with', 'starts with'],
  ['ends_with', 'ends with'], ['matches', 'matches the regular expression'], ['gt', '>'], ['gte', '≥'], ['lt', '<'],
  ['lte', '≤'], ['semver_eq', 'is version'], ['semver_gt', 'is a version after'], ['semver_lt', 'is a version before'],
  ['before', 'is a date before'], ['after', 'is a date after'], ['exists', 'is present'],
].map(([value, label]) => ({ value, label }));

const NUMERIC = new Set(['gt', 'gte', 'lt', 'lte']);

// Every rule and clause keeps a key of its own, so that a field's typed text moves with its rule or clause when others
// are reordered or removed (a key by position would leave the text where it was). A symbol, because object spreads
// copy it to the edited copy while JSON.stringify leaves it out of what is saved.
const ROW = Symbol('row');
let rows = 0;
const rowKey = (item) => (item[ROW] ??= ++rows);

/** Clause values as typed: comma-separated, numbers for numeric operators. */
function parseValues(operator, text) {
  if (operator === 'exists') return [];
  const parts = text.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return NUMERIC.has(operator) ? parts.map((v) => (Number.isNaN(Number(v)) ? v : Number(v))) : parts;
}

/** A weighted split's weights (basis points), changed at one place so the total stays 10,000. */
export function rebalance(split, index, weight) {
  const next = split.map((s) => ({ ...s }));
  const clamped = Math.max(0, Math.min(10000, Math.round(weight)));
  next[index].weight = clamped;
  let excess = next.reduce((sum, s) => sum + s.weight, 0) - 10000;
  for (let i = 1; i < next.length && excess !== 0; i++) {
    const other = next[(index + i) % next.length];
    const change = excess > 0 ? Math.min(excess, other.weight) : excess;
    other.weight -= change;
    excess -= change;
  }
  return next;
}

export function ServeEditor({ label, serve, variants, onChange, disabled, hint }) {
  const split = Boolean(serve.split);
  const toSplit = () => onChange({ split: variants.map((v, i) => ({ variant: v.key, weight: i === 0 ? 10000 : 0 })) });
  return html`<fieldset class="serve" disabled=${disabled} title=${hint}><legend>${label}</legend>
    <${Select} label=${`${label}: serve`} value=${split ? '__split' : serve.variant} onChange=${(v) =>
      (v === '__split' ? toSplit() : onChange({ variant: v }))}
      options=${[...variants.map((v) => ({ value: v.key, label: `Variant ${v.key}` })), { value: '__split', label: 'A weighted split' }]} />
    ${split && serve.split.map((part, i) => html`<label class="slider"><span>${`${label}: weight of ${part.variant}`}</span>
      <input type="range" min="0" max="10000" step="100" value=${part.weight}
        onInput=${(e) => onChange({ split: rebalance(serve.split, i, Number(e.currentTarget.value)) })} />
      <output>${(part.weight / 100).toFixed(0)} %</output></label>`)}
  </fieldset>`;
}

export function RulesEditor({ scope, rules, variants, onChange, disabled, hint }) {
  const named = (i) => `${scope} rule ${i + 1}`;
  const set = (i, rule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const move = (i, by) => {
    const next = [...rules];
    const [rule] = next.splice(i, 1);
    next.splice(i + by, 0, rule);
    onChange(next);
  };
  const add = () => onChange([...rules, { clauses: [{ attribute: 'country', operator: 'in', values: [] }], serve: { variant: variants[0].key } }]);
  return html`<section class="rules" aria-label=${`Rules in ${scope}`}>
    <h3>Rules, first match wins</h3>
    <ol>${rules.map((rule, i) => html`<li key=${rowKey(rule)} class="rule" draggable=${!disabled}
        onDragStart=${(e) => e.dataTransfer.setData('text/plain', String(i))}
        onDragOver=${(e) => e.preventDefault()}
        onDrop=${(e) => { e.preventDefault(); const from = Number(e.dataTransfer.getData('text/plain')); if (from !== i) move(from, i - from); }}>
      <div class="rule-head"><strong>${named(i)}</strong>
        <button type="button" aria-label=${`Move ${named(i)} up`} disabled=${disabled || i === 0} title=${hint} onClick=${() => move(i, -1)}>↑</button>
        <button type="button" aria-label=${`Move ${named(i)} down`} disabled=${disabled || i === rules.length - 1} title=${hint} onClick=${() => move(i, 1)}>↓</button>
        <button type="button" aria-label=${`Delete ${named(i)}`} disabled=${disabled} title=${hint} onClick=${() => onChange(rules.filter((_, j) => j !== i))}>Delete</button></div>
      ${rule.clauses.map((clause, c) => html`<${ClauseEditor} key=${rowKey(clause)} name=${`${named(i)} clause ${c + 1}`} clause=${clause} disabled=${disabled} hint=${hint}
        onChange=${(next) => set(i, { ...rule, clauses: next ? rule.clauses.map((x, k) => (k === c ? next : x)) : rule.clauses.filter((_, k) => k !== c) })} />`)}
      <button type="button" disabled=${disabled} title=${hint}
        onClick=${() => set(i, { ...rule, clauses: [...rule.clauses, { attribute: '', operator: 'eq', values: [] }] })}>Add a condition to ${named(i)}</button>
      <${ServeEditor} label=${named(i)} serve=${rule.serve} variants=${variants} disabled=${disabled} hint=${hint}
        onChange=${(serve) => set(i, { ...rule, serve })} />
    </li>`)}</ol>
    <button type="button" disabled=${disabled} title=${hint} onClick=${add}>Add rule in ${scope}</button>
  </section>`;
}

function ClauseEditor({ name, clause, onChange, disabled, hint }) {
  // the text as typed, so a trailing comma survives until the next value is typed
  const [values, setValues] = useState((clause.values || []).join(', '));
  return html`<div class="clause" role="group" aria-label=${name}>
    <${Field} label=${`${name}: attribute`} value=${clause.attribute} disabled=${disabled} hint=${hint}
      onInput=${(attribute) => onChange({ ...clause, attribute })} />
    <${Checkbox} label="not" checked=${Boolean(clause.negate)} disabled=${disabled} hint=${hint} aria-label=${`${name}: negate`}
      onChange=${(negate) => onChange({ ...clause, negate })} />
    <${Select} label=${`${name}: operator`} value=${clause.operator} options=${OPERATORS} disabled=${disabled} hint=${hint}
      onChange=${(operator) => onChange({ ...clause, operator, values: parseValues(operator, values) })} />
    ${clause.operator !== 'exists' && html`<${Field} label=${`${name}: values`} value=${values} disabled=${disabled} hint=${hint}
      onInput=${(text) => { setValues(text); onChange({ ...clause, values: parseValues(clause.operator, text) }); }} />`}
    <${Checkbox} label="ignore case" checked=${Boolean(clause.ignore_case)} disabled=${disabled} hint=${hint} aria-label=${`${name}: ignore case`}
      onChange=${(ignore_case) => onChange({ ...clause, ignore_case })} />
    <button type="button" aria-label=${`Remove ${name}`} disabled=${disabled} title=${hint} onClick=${() => onChange(null)}>Remove</button>
  </div>`;
}
