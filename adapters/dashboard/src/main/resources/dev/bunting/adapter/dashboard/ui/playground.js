// The evaluation playground: an environment and a context, typed as pairs or as JSON, and what every flag answers.
import { useState } from 'preact/hooks';
import { post } from './api.js';
import { Alert, Field, Select, html } from './ui.js';

export function Playground({ environments }) {
  const [environment, setEnvironment] = useState(environments[0]?.key || '');
  const [pairs, setPairs] = useState([{ name: 'targetingKey', value: 'user-1' }]);
  const [asJson, setAsJson] = useState(false);
  const [json, setJson] = useState('{"targetingKey": "user-1"}');
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState(null);
  const context = () => {
    if (asJson) return JSON.parse(json);
    return Object.fromEntries(pairs.filter((p) => p.name).map((p) => [p.name, typed(p.value)]));
  };
  const evaluate = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      setAnswer(await post('/evaluate', { environment: environment || environments[0].key, context: context() }));
    } catch (failure) {
      setError(failure);
    }
  };
  const setPair = (i, field) => (v) => setPairs(pairs.map((p, j) => (j === i ? { ...p, [field]: v } : p)));
  return html`<section aria-labelledby="playground-title">
    <h1 id="playground-title">Evaluation playground</h1>
    <form onSubmit=${evaluate} aria-label="Context">
      <${Select} label="Environment" value=${environment} options=${environments.map((e) => e.key)} onChange=${setEnvironment} />
      <div role="radiogroup" aria-label="Context as" class="actions">
        <label><input type="radio" name="as" checked=${!asJson} onChange=${() => setAsJson(false)} /> Attributes</label>
        <label><input type="radio" name="as" checked=${asJson} onChange=${() => { setJson(JSON.stringify(context(), null, 2)); setAsJson(true); }} /> JSON</label>
      </div>
      ${asJson
        ? html`<label class="field"><span>Context (JSON)</span><textarea rows="6" value=${json} onInput=${(e) => setJson(e.currentTarget.value)} /></label>`
        : html`${pairs.map((p, i) => html`<div class="pair">
            <${Field} label=${`Attribute ${i + 1} name`} value=${p.name} onInput=${setPair(i, 'name')} />
            <${Field} label=${`Attribute ${i + 1} value`} value=${p.value} onInput=${setPair(i, 'value')} /></div>`)}
          <button type="button" onClick=${() => setPairs([...pairs, { name: '', value: '' }])}>Add attribute</button>`}
      <div class="actions"><button type="submit" class="primary">Evaluate</button></div>
    </form>
    <${Alert} error=${error} />
    ${answer && html`<table aria-label="Evaluations"><thead><tr><th scope="col">Flag</th><th scope="col">Value</th>
      <th scope="col">Variant</th><th scope="col">Reason</th><th scope="col">Decided by</th></tr></thead>
      <tbody>${answer.flags.map((f) => html`<tr><th scope="row">${f.flag_key}</th><td><code>${JSON.stringify(f.value)}</code></td>
        <td>${f.variant}</td><td>${f.reason}${f.error_code ? ` (${f.error_code})` : ''}</td><td>${f.source}</td></tr>`)}</tbody></table>`}
  </section>`;
}

/** A typed value becomes a number or a boolean when it reads as one, as a person would mean it. */
function typed(value) {
  if (value === 'true' || value === 'false') return value === 'true';
  if (value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}
