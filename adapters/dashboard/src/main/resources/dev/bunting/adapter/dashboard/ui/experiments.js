// Experiments: the list, a new experiment on a flag's split, starting and stopping with a decision, and results: per
// metric each variant's relative lift with its interval against zero (a forest plot), its p-value or chance to win,
// a sample-ratio mismatch as a warning no one can miss, and units first exposed per day.
import { useState } from 'preact/hooks';
import { get, post, q } from './api.js';
import { Alert, Field, Select, html, useLoad, when, whyReadOnly } from './ui.js';
import { allFlags } from './flags.js';
import { CountChart } from './charts.js';

export function ExperimentList({ me, environments, changes }) {
  const [loaded, reload] = useLoad(() => Promise.all([get('/experiments'), allFlags()]), [changes]);
  const [form, setForm] = useState({ key: '', name: '', flag: '', environment: environments[0]?.key || '', control: '', metric: '', event: '', type: 'binomial' });
  const [error, setError] = useState(null);
  const why = whyReadOnly(me);
  const [experiments, flags] = loaded.value ? [loaded.value[0].items, loaded.value[1]] : [[], []];
  const flag = flags.find((f) => f.key === form.flag);
  const set = (name) => (value) => setForm({ ...form, [name]: value });
  const create = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await post('/experiments', {
        key: form.key, name: form.name || form.key, flag: form.flag, environment: form.environment || environments[0].key,
        control: form.control || flag?.variants[0].key,
        metrics: form.metric ? [{ key: form.metric, event: form.event || form.metric, type: form.type }] : [],
      });
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<section aria-labelledby="experiments-title">
    <h1 id="experiments-title">Experiments</h1>
    <${Alert} error=${error || loaded.error} />
    <table aria-label="Experiments"><thead><tr><th scope="col">Experiment</th><th scope="col">Flag</th>
      <th scope="col">Environment</th><th scope="col">Status</th></tr></thead>
      <tbody>${experiments.map((x) => html`<tr><th scope="row"><a href=${'#/experiments/' + q(x.key)}>${x.name}</a></th>
        <td><a href=${'#/flags/' + q(x.flag)}>${x.flag}</a></td><td>${x.environment}</td><td>${x.status}</td></tr>`)}</tbody></table>
    <form class="card" aria-label="New experiment" onSubmit=${create}><h2>New experiment</h2>
      <fieldset disabled=${Boolean(why)} title=${why}>
        <${Field} label="Experiment key" value=${form.key} onInput=${set('key')} />
        <${Field} label="Experiment name" value=${form.name} onInput=${set('name')} />
        <${Select} label="Flag" value=${form.flag} onChange=${set('flag')} options=${[{ value: '', label: 'Choose a flag' }, ...flags.map((f) => f.key)]} />
        <${Select} label="Environment" value=${form.environment} onChange=${set('environment')} options=${environments.map((e) => e.key)} />
        <${Select} label="Control variant" value=${form.control} onChange=${set('control')} options=${(flag?.variants || []).map((v) => v.key)} />
        <${Field} label="Metric key" value=${form.metric} onInput=${set('metric')} />
        <${Field} label="Metric event" value=${form.event} onInput=${set('event')} />
        <${Select} label="Metric type" value=${form.type} onChange=${set('type')} options=${['binomial', 'mean']} />
        <button type="submit" class="primary">Create experiment</button>
      </fieldset>
    </form>
  </section>`;
}

export function ExperimentPage({ experimentKey, me, changes }) {
  const [loaded, reload] = useLoad(async () => {
    const experiment = await get(`/experiments/${q(experimentKey)}`);
    const [flag, results] = await Promise.all([
      get(`/flags/${q(experiment.flag)}`),
      experiment.status === 'draft' ? null : get(`/experiments/${q(experimentKey)}/results`),
    ]);
    return { experiment, flag, results };
  }, [experimentKey, changes]);
  const [outcome, setOutcome] = useState('ship');
  const [variant, setVariant] = useState('');
  const [error, setError] = useState(null);
  if (loaded.error) return html`<${Alert} error=${loaded.error} />`;
  if (!loaded.value) return html`<p role="status">Loading ${experimentKey}…</p>`;
  const { experiment, flag, results } = loaded.value;
  const why = whyReadOnly(me);
  const act = async (path, body) => {
    setError(null);
    try {
      await post(`/experiments/${q(experimentKey)}/${path}`, { ...body, version: experiment.version });
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const variants = flag.variants.map((v) => v.key);
  return html`<article aria-labelledby="experiment-title">
    <p><a href="#/experiments">← All experiments</a></p>
    <h1 id="experiment-title">${experiment.name}</h1>
    <p>${experiment.status} · flag <a href=${'#/flags/' + q(experiment.flag)}>${experiment.flag}</a> in ${experiment.environment} · control ${experiment.control}</p>
    ${experiment.hypothesis && html`<p>${experiment.hypothesis}</p>`}
    <${Alert} error=${error} />
    ${experiment.status === 'draft' && html`<button type="button" class="primary" disabled=${Boolean(why)} title=${why}
      onClick=${() => act('start', {})}>Start experiment</button>`}
    ${experiment.status === 'running' && html`<form class="filters" aria-label="Stop" onSubmit=${(e) => { e.preventDefault(); act('stop', { decision: { outcome, variant: outcome === 'ship' ? variant || variants[0] : null } }); }}>
      <${Select} label="Decision" value=${outcome} onChange=${setOutcome} options=${[{ value: 'ship', label: 'Ship a variant' }, { value: 'roll_back', label: 'Roll back' }]} />
      ${outcome === 'ship' && html`<${Select} label="Variant to ship" value=${variant} onChange=${setVariant} options=${variants} />`}
      <button type="submit" class="danger" disabled=${Boolean(why)} title=${why}>Stop experiment</button></form>`}
    ${experiment.decision && html`<p>Decision: ${experiment.decision.outcome} ${experiment.decision.variant || ''}</p>`}
    ${results && results.phases.map((phase) => html`<${PhaseResults} phase=${phase} experimentKey=${experimentKey} changes=${changes} />`)}
  </article>`;
}

function PhaseResults({ phase, experimentKey, changes }) {
  const [exposures] = useLoad(() => get(`/experiments/${q(experimentKey)}/exposures?phase=${phase.phase}`), [experimentKey, phase.phase, changes]);
  return html`<section class="card" aria-label=${`Results of phase ${phase.phase}`}>
    <h2>Phase ${phase.phase}</h2>
    <p>From ${when(phase.started_at)}${phase.ended_at ? ` to ${when(phase.ended_at)}` : ', running'} · units: ${phase.variants.map((v) => `${v.key} ${v.units}`).join(', ')}</p>
    ${exposures.value && html`<${CountChart} unit="units" format=${(day) => day}
      points=${exposures.value.days.map((d) => ({ start: d.day, variant: d.variant, count: d.units }))}
      label=${`Units first exposed per day and variant in phase ${phase.phase}`} />`}
    ${phase.srm.flagged && html`<p class="alert" role="alert">Sample-ratio mismatch (p = ${phase.srm.p_value.toExponential(2)}): the variants did not get
      the units their weights promise, so these results are not to be trusted until the cause is found.</p>`}
    ${phase.metrics.map((metric) => html`<div class="metric"><h3>${metric.key}</h3>
      <${ForestPlot} metric=${metric} />
      <table aria-label=${`Results for ${metric.key}`}><thead><tr><th scope="col">Variant</th><th scope="col">Units</th><th scope="col">Mean</th>
        <th scope="col">Relative lift</th><th scope="col">95 % interval</th><th scope="col">p-value</th><th scope="col">Chance to win</th></tr></thead>
        <tbody>${metric.variants.map((v) => html`<tr><th scope="row">${v.key}${v.control ? ' (control)' : ''}</th><td>${v.n}</td><td>${fixed(v.mean, 4)}</td>
          <td>${percent(v.relative?.lift)}</td><td>${v.relative?.ci ? `${percent(v.relative.ci[0])} to ${percent(v.relative.ci[1])}` : ''}</td>
          <td>${fixed(v.relative?.p_value, 4)}</td><td>${percent(v.relative?.chance_to_win)}</td></tr>`)}</tbody></table></div>`)}
  </section>`;
}

const fixed = (n, digits) => (n === null || n === undefined ? '' : Number(n).toFixed(digits));
const percent = (n) => (n === null || n === undefined ? '' : `${(n * 100).toFixed(1)} %`);

/** Each variant's relative lift and its interval, against a line at zero: an SVG drawn from the numbers alone. */
function ForestPlot({ metric }) {
  const rows = metric.variants.filter((v) => !v.control && v.relative && v.relative.lift !== null);
  if (!rows.length) return null;
  const ends = rows.flatMap((v) => [v.relative.lift, ...(v.relative.ci || [])]).filter((n) => n !== null && Number.isFinite(n));
  const reach = Math.max(0.01, ...ends.map(Math.abs)) * 1.1;
  const width = 480;
  const x = (n) => width / 2 + (n / reach) * (width / 2 - 40);
  const height = rows.length * 32 + 24;
  return html`<svg class="forest" viewBox=${`0 0 ${width} ${height}`} role="img"
    aria-label=${`Relative lift of each variant for ${metric.key}, with its interval, against zero`}>
    <line x1=${x(0)} x2=${x(0)} y1="0" y2=${height - 16} class="zero" />
    <text x=${x(0)} y=${height - 2} text-anchor="middle">0</text>
    <text x=${x(-reach) + 4} y=${height - 2}>${percent(-reach)}</text>
    <text x=${x(reach) - 4} y=${height - 2} text-anchor="end">${percent(reach)}</text>
    ${rows.map((v, i) => {
      const y = 20 + i * 32;
      const [low, high] = (v.relative.ci || [v.relative.lift, v.relative.lift]).map((n, k) => (n === null ? (k ? reach : -reach) : n));
      return html`<g class=${low > 0 ? 'win' : high < 0 ? 'loss' : 'flat'}>
        <text x="4" y=${y + 4}>${v.key}</text>
        <line x1=${x(low)} x2=${x(high)} y1=${y} y2=${y} class="ci" />
        <circle cx=${x(v.relative.lift)} cy=${y} r="5" /></g>`;
    })}
  </svg>`;
}
