// A flag's page: its definition and variants, and per environment its whole config. A save sends the version it
// read; when someone else saved first (409), the page shows what they changed and lets the person apply theirs again.
// An archived flag's page is read-only, with a Restore action.
import { useEffect, useState } from 'preact/hooks';
import { Problem, del, get, put, q } from './api.js';
import { Alert, Confirm, Field, Notice, Select, Switch, html, useLoad, when, whyReadOnly } from './ui.js';
import { ArchiveFlag, RestoreFlag, whyNotArchive } from './archive.js';
import { RulesEditor, ServeEditor } from './rules.js';
import { summary } from './flags.js';
import { CountChart } from './charts.js';

export function FlagPage({ flagKey, me, environments, changes, changed }) {
  const [loaded, reload] = useLoad(() => get(`/flags/${q(flagKey)}`), [flagKey, changes]);
  const [deleting, setDeleting] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [error, setError] = useState(null);
  if (loaded.error) return html`<${Alert} error=${loaded.error} />`;
  if (!loaded.value) return html`<p role="status">Loading ${flagKey}…</p>`;
  const flag = loaded.value;
  const canDelete = me && me.role === 'admin';
  const cannotArchive = whyNotArchive(me);
  const archived = flag.archived_at ? 'Read-only: the flag is archived; restore it to change it' : null;
  const archivedOrRestored = (didChange) => { setArchiving(false); if (didChange) { reload(); changed(); } };
  const remove = async () => {
    try {
      await del(`/flags/${q(flag.key)}`);
      location.hash = '#/flags';
      changed();
    } catch (failure) {
      setDeleting(false);
      setError(failure);
    }
  };
  return html`<article aria-labelledby="flag-title">
    <p><a href="#/flags">← All flags</a></p>
    <div class="title"><h1 id="flag-title">${flag.name}</h1>
      <button type="button" class=${archived ? '' : 'danger'} disabled=${Boolean(cannotArchive)} title=${cannotArchive}
        onClick=${() => setArchiving(true)}>${archived ? 'Restore flag' : 'Archive flag'}</button>
      <button type="button" class="danger" disabled=${!canDelete} title=${canDelete ? 'Delete this flag' : 'Only admins delete flags'}
        onClick=${() => setDeleting(true)}>Delete flag</button></div>
    <p class="key">${flag.key} · ${flag.kind} · version ${flag.version}</p>
    ${archived && html`<p class="archived" role="status">Archived ${when(flag.archived_at)}: no environment evaluates this flag,
      and SDKs get FLAG_NOT_FOUND. Its configs are kept as they were; restoring it serves them again.</p>`}
    <${Alert} error=${error} />
    ${archiving && !archived && html`<${ArchiveFlag} flag=${flag} environments=${environments} configs=${flag.environments} onDone=${archivedOrRestored} />`}
    ${archiving && archived && html`<${RestoreFlag} flag=${flag} onDone=${archivedOrRestored} />`}
    ${deleting && html`<${Confirm} title=${`Delete ${flag.key}?`} confirmLabel="Delete flag" danger onConfirm=${remove} onCancel=${() => setDeleting(false)}>
      <p>The flag and its config in every environment are deleted, and evaluations of it answer the caller's default:</p>
      ${archived ? html`<p>It is archived, so no environment evaluates it now; its kept configs go with it.</p>` : html`<ul>${environments.map((e) => {
        const config = flag.environments[e.key];
        return html`<li><strong>${e.name}</strong>: ${config && config.enabled ? `on, serving ${summary(config)}; it stops` : 'off; nothing changes for its users'}</li>`;
      })}</ul>`}</${Confirm}>`}
    <${Definition} flag=${flag} me=${me} locked=${archived} onSaved=${reload} />
    <${Evaluations} flagKey=${flag.key} environments=${environments} changes=${changes} />
    ${environments.map((e) => html`<${EnvironmentConfig} key=${e.key}
      flag=${flag} environment=${e} config=${flag.environments[e.key]} me=${me} locked=${archived} onSaved=${reload} />`)}
  </article>`;
}

/** How often the flag was evaluated per variant over time, in one environment: issue F's per-minute counts. */
function Evaluations({ flagKey, environments, changes }) {
  const [environment, setEnvironment] = useState(environments[0]?.key || '');
  const [bucket, setBucket] = useState('hour');
  const [loaded] = useLoad(
    () => (environment ? get(`/flags/${q(flagKey)}/evaluations?environment=${q(environment)}&bucket=${bucket}`) : Promise.resolve(null)),
    [flagKey, environment, bucket, changes],
  );
  const format = (start) => (bucket === 'day' ? start.slice(0, 10) : new Date(start).toLocaleString());
  return html`<section class="card" aria-labelledby="evaluations-title">
    <h2 id="evaluations-title">Evaluations</h2>
    <div class="filters">
      <${Select} label="Evaluations in environment" value=${environment} onChange=${setEnvironment} options=${environments.map((e) => e.key)} />
      <${Select} label="Evaluations per" value=${bucket} onChange=${setBucket} options=${['minute', 'hour', 'day']} />
    </div>
    <${Alert} error=${loaded.error} />
    ${loaded.value && html`<${CountChart} points=${loaded.value.points} unit="evaluations" format=${format}
      label=${`Evaluations of ${flagKey} in ${environment} per ${bucket} and variant`} />`}
  </section>`;
}

function Definition({ flag, me, locked, onSaved }) {
  const [name, setName] = useState(flag.name);
  const [description, setDescription] = useState(flag.description || '');
  const [tags, setTags] = useState(flag.tags.join(', '));
  const [variants, setVariants] = useState(JSON.stringify(flag.variants, null, 2));
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  const readOnly = locked || whyReadOnly(me);
  let invalid = null;
  try {
    const parsed = JSON.parse(variants);
    if (!Array.isArray(parsed)) invalid = 'The variants must be a JSON array of {"key", "value"}.';
  } catch (e) {
    invalid = `The variants are not valid JSON: ${e.message}`;
  }
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await put(`/flags/${q(flag.key)}`, {
        name, description: description || null, tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
        variants: JSON.parse(variants), version: flag.version,
      });
      setSaved('Saved the definition.');
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<form class="card" onSubmit=${save} aria-label="Definition">
    <h2>Definition and variants</h2>
    <fieldset disabled=${Boolean(readOnly)} title=${readOnly}>
      <${Field} label="Name" value=${name} onInput=${setName} />
      <${Field} label="Description" value=${description} onInput=${setDescription} />
      <${Field} label="Tags" value=${tags} onInput=${setTags} />
      <label class="field"><span>Variants (JSON)</span>
        <textarea rows="6" value=${variants} aria-invalid=${invalid ? 'true' : 'false'} onInput=${(e) => setVariants(e.currentTarget.value)} /></label>
      ${invalid && html`<p class="alert" role="alert">${invalid}</p>`}
      <button type="submit" class="primary" disabled=${Boolean(invalid)}>Save definition</button>
    </fieldset>
    <${Alert} error=${error} /><${Notice} text=${saved} />
  </form>`;
}

const editable = (config) => ({
  enabled: Boolean(config.enabled),
  off_variant: config.off_variant,
  targets: config.targets || [],
  rules: config.rules || [],
  fallthrough: config.fallthrough,
});

/** The fields in which two configs differ, for a person to read. */
function differences(one, other) {
  const a = editable(one);
  const b = editable(other);
  return Object.keys(a).filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

function EnvironmentConfig({ flag, environment, config: read, me, locked, onSaved }) {
  const [config, setConfig] = useState(editable(read));
  const [base, setBase] = useState(read);
  const [conflict, setConflict] = useState(null);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  const dirty = differences(base, config).length > 0;
  // a change saved elsewhere replaces what is shown, unless the person has edits of their own: those stay, and
  // saving them meets the conflict below
  useEffect(() => {
    if (!dirty) {
      setConfig(editable(read));
      setBase(read);
    }
  }, [read.version]);
  const version = base.version;
  const readOnly = locked || whyReadOnly(me, environment);
  const disabled = Boolean(readOnly);
  const name = environment.name;
  const save = async (at = version) => {
    setError(null);
    setSaved('');
    try {
      const after = await put(`/flags/${q(flag.key)}/environments/${q(environment.key)}`, { ...config, version: at });
      setBase(after);
      setConfig(editable(after));
      setConflict(null);
      setSaved(`Saved ${name}.`);
      onSaved();
    } catch (failure) {
      if (failure instanceof Problem && failure.status === 409) {
        const theirs = await get(`/flags/${q(flag.key)}/environments/${q(environment.key)}`);
        setConflict({ theirs, fields: differences(theirs, base) });
      } else {
        setError(failure);
      }
    }
  };
  const change = (field) => (value) => setConfig({ ...config, [field]: value });
  return html`<section class="card" aria-label=${`Config in ${name}`}>
    <div class="title"><h2>${name}${environment.protected ? ' (protected)' : ''}</h2>
      <${Switch} label=${`${flag.key} on in ${environment.key}`} on=${config.enabled} disabled=${disabled} hint=${readOnly}
        onToggle=${() => change('enabled')(!config.enabled)} /></div>
    ${readOnly && html`<p class="readonly">${readOnly}</p>`}
    <${Select} label=${`Off variant in ${name}`} value=${config.off_variant} disabled=${disabled} hint=${readOnly}
      options=${flag.variants.map((v) => v.key)} onChange=${change('off_variant')} />
    <${Targets} name=${name} targets=${config.targets} variants=${flag.variants} disabled=${disabled} hint=${readOnly} onChange=${change('targets')} />
    <${RulesEditor} scope=${name} rules=${config.rules} variants=${flag.variants} disabled=${disabled} hint=${readOnly} onChange=${change('rules')} />
    <${ServeEditor} label=${`Fallthrough in ${name}`} serve=${config.fallthrough} variants=${flag.variants}
      disabled=${disabled} hint=${readOnly} onChange=${change('fallthrough')} />
    <div class="actions"><button type="button" class="primary" disabled=${disabled} title=${readOnly}
      onClick=${() => save()}>Save ${name}</button></div>
    ${conflict && html`<div class="conflict" role="alert">
      <p>Someone else saved ${name} first (now version ${conflict.theirs.version}). They changed: ${conflict.fields.join(', ') || 'nothing you can see'}.</p>
      <details><summary>Their config</summary><pre>${JSON.stringify(editable(conflict.theirs), null, 2)}</pre></details>
      <button type="button" class="primary" onClick=${() => save(conflict.theirs.version)}>Apply my changes over theirs</button>
      <button type="button" onClick=${() => { setConflict(null); setBase(conflict.theirs); setConfig(editable(conflict.theirs)); }}>Discard mine</button></div>`}
    <${Alert} error=${error} /><${Notice} text=${saved} />
  </section>`;
}

function Targets({ name, targets, variants, onChange, disabled, hint }) {
  const units = (variant) => (targets.find((t) => t.variant === variant)?.units || []).join(', ');
  const set = (variant, text) => {
    const list = text.split(',').map((u) => u.trim()).filter(Boolean);
    onChange([...targets.filter((t) => t.variant !== variant), ...(list.length ? [{ variant, units: list }] : [])]);
  };
  return html`<fieldset class="targets" disabled=${disabled} title=${hint}><legend>Individual targets in ${name}</legend>
    ${variants.map((v) => html`<${TargetField} label=${`Units served ${v.key} in ${name}`} initial=${units(v.key)} onChange=${(text) => set(v.key, text)} />`)}
  </fieldset>`;
}

function TargetField({ label, initial, onChange }) {
  const [text, setText] = useState(initial);
  return html`<${Field} label=${label} value=${text} onInput=${(v) => { setText(v); onChange(v); }} />`;
}

