// The flag list: search, filters, sorting and pages over every flag, and a matrix of each flag's state in every
// environment with a switch in each cell. The flags come from GET /flags; each environment's configs from its flag
// set, GET /sdk/flags, so the matrix costs one request per environment, not one per flag. Archived flags are listed
// only when asked for; no environment evaluates them, so their rows say so instead of showing switches.
import { useMemo, useState } from 'preact/hooks';
import { get, patch, post, q } from './api.js';
import { Alert, Confirm, Field, Select, Switch, html, useLoad, when, whyReadOnly } from './ui.js';
import { ArchiveFlag, RestoreFlag, whyNotArchive } from './archive.js';

const PAGE = 50;

/** Every flag in `lifecycle`: active (the API's default), archived, or all. */
export async function allFlags(lifecycle = 'active') {
  const first = await get(`/flags?limit=500&state=${lifecycle}`);
  const rest = [];
  for (let offset = 500; offset < first.total; offset += 500) rest.push(get(`/flags?limit=500&state=${lifecycle}&offset=${offset}`));
  return first.items.concat(...(await Promise.all(rest)).map((page) => page.items));
}

/** Each environment's configs by flag key. */
export async function configsByEnvironment(environments) {
  const sets = await Promise.all(environments.map((e) => get(`/sdk/flags?environment=${q(e.key)}`)));
  const byEnvironment = {};
  sets.forEach((set, i) => {
    byEnvironment[environments[i].key] = Object.fromEntries(set.flags.map((flag) => [flag.key, flag.config]));
  });
  return byEnvironment;
}

/** What a config serves when on, in a few words: a variant, a split, and how many rules come first. */
export function summary(config) {
  if (!config) return '';
  const serve = config.fallthrough || {};
  const served = serve.split
    ? serve.split.filter((s) => s.weight > 0).map((s) => `${s.variant} ${s.weight / 100}%`).join(' · ')
    : serve.variant;
  const rules = (config.rules || []).length;
  return rules ? `${rules} rule${rules > 1 ? 's' : ''}, then ${served}` : served;
}

export function FlagList({ me, environments, changes, changed }) {
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [state, setState] = useState('all');
  const [lifecycle, setLifecycle] = useState('active');
  const [archiving, setArchiving] = useState(null);
  const [restoring, setRestoring] = useState(null);
  const [sort, setSort] = useState('key');
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState(null);
  const [loaded] = useLoad(
    async () => {
      const [flags, configs] = await Promise.all([allFlags(lifecycle), configsByEnvironment(environments)]);
      return { flags, configs };
    },
    [changes, environments.length, lifecycle],
  );
  const flags = loaded.value ? loaded.value.flags : [];
  const configs = loaded.value ? loaded.value.configs : {};
  const tags = useMemo(() => [...new Set(flags.flatMap((f) => f.tags))].sort(), [flags]);
  const shown = useMemo(() => {
    const text = search.trim().toLowerCase();
    const on = (flag) => environments.some((e) => configs[e.key]?.[flag.key]?.enabled);
    return flags
      .filter((f) => !text || f.key.includes(text) || f.name.toLowerCase().includes(text) || f.tags.some((t) => t.includes(text)))
      .filter((f) => !tag || f.tags.includes(tag))
      .filter((f) => state === 'all' || (state === 'on') === on(f))
      .sort((a, b) => (sort === 'updated' ? b.updated_at.localeCompare(a.updated_at) : a[sort].localeCompare(b[sort])));
  }, [flags, configs, search, tag, state, sort]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);

  const toggle = async (flag, environment) => {
    setError(null);
    try {
      const config = configs[environment.key]?.[flag.key];
      await patch(`/flags/${q(flag.key)}/environments/${q(environment.key)}/toggle`, { enabled: !(config && config.enabled) });
      changed();
    } catch (failure) {
      setError(failure);
    }
  };
  const readOnly = whyReadOnly(me);
  const cannotArchive = whyNotArchive(me);
  const configsOf = (flag) => Object.fromEntries(environments.map((e) => [e.key, configs[e.key]?.[flag.key]]));
  const done = (setter) => (didChange) => { setter(null); if (didChange) changed(); };
  return html`<section aria-labelledby="flags-title">
    <div class="title"><h1 id="flags-title">Flags</h1>
      <button type="button" class="primary" disabled=${Boolean(readOnly)} title=${readOnly} onClick=${() => setCreating(true)}>New flag</button></div>
    <div class="filters" role="search">
      <${Field} label="Search flags" type="search" value=${search} data-search placeholder="key, name or tag (press /)"
        onInput=${(v) => { setSearch(v); setPage(0); }} />
      <${Select} label="Tag" value=${tag} options=${[{ value: '', label: 'Any tag' }, ...tags]} onChange=${(v) => { setTag(v); setPage(0); }} />
      <${Select} label="State" value=${state} onChange=${(v) => { setState(v); setPage(0); }}
        options=${[{ value: 'all', label: 'Any state' }, { value: 'on', label: 'On somewhere' }, { value: 'off', label: 'Off everywhere' }]} />
      <${Select} label="Lifecycle" value=${lifecycle} onChange=${(v) => { setLifecycle(v); setPage(0); }}
        options=${[{ value: 'active', label: 'Active' }, { value: 'archived', label: 'Archived' }, { value: 'all', label: 'Active and archived' }]} />
      <${Select} label="Sort by" value=${sort} onChange=${setSort}
        options=${[{ value: 'key', label: 'Key' }, { value: 'name', label: 'Name' }, { value: 'updated', label: 'Last changed' }]} />
    </div>
    <${Alert} error=${error || loaded.error} />
    ${creating && html`<${CreateFlag} onDone=${(created) => { setCreating(false); if (created) changed(); }} />`}
    ${archiving && html`<${ArchiveFlag} flag=${archiving} environments=${environments} configs=${configsOf(archiving)} onDone=${done(setArchiving)} />`}
    ${restoring && html`<${RestoreFlag} flag=${restoring} onDone=${done(setRestoring)} />`}
    <table class="matrix" aria-label="Flags by environment">
      <thead><tr><th scope="col">Flag</th><th scope="col">Tags</th>
        ${environments.map((e) => html`<th scope="col">${e.name}${e.protected ? ' (protected)' : ''}</th>`)}
        <th scope="col">Actions</th></tr></thead>
      <tbody>
        ${shown.slice(current * PAGE, current * PAGE + PAGE).map((flag) => html`<tr key=${flag.key}>
          <th scope="row"><a href=${'#/flags/' + q(flag.key)}>${flag.name}</a><div class="key">${flag.key}</div></th>
          <td>${flag.tags.map((t) => html`<span class="tag">${t}</span>`)}</td>
          ${flag.archived_at ? html`<td colspan=${environments.length} class="archived">Archived ${when(flag.archived_at)}: evaluated nowhere</td>` : environments.map((e) => {
            const config = configs[e.key]?.[flag.key];
            const why = whyReadOnly(me, e);
            return html`<td><${Switch} label=${`${flag.key} in ${e.key}`} on=${Boolean(config && config.enabled)}
              disabled=${Boolean(why)} hint=${why} onToggle=${() => toggle(flag, e)} />
              <span class="serves">${summary(config)}</span></td>`;
          })}
          <td>${flag.archived_at
            ? html`<button type="button" aria-label=${`Restore ${flag.key}`} disabled=${Boolean(cannotArchive)} title=${cannotArchive} onClick=${() => setRestoring(flag)}>Restore</button>`
            : html`<button type="button" class="danger" aria-label=${`Archive ${flag.key}`} disabled=${Boolean(cannotArchive)} title=${cannotArchive} onClick=${() => setArchiving(flag)}>Archive</button>`}</td>
        </tr>`)}
      </tbody>
    </table>
    ${loaded.loading && !loaded.value && html`<p role="status">Loading flags…</p>`}
    ${loaded.value && shown.length === 0 && html`<p>No flag matches.</p>`}
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled=${current === 0} onClick=${() => setPage(current - 1)}>Previous page</button>
      <span>Page ${current + 1} of ${pages} (${shown.length} flags)</span>
      <button type="button" disabled=${current >= pages - 1} onClick=${() => setPage(current + 1)}>Next page</button>
    </nav>
  </section>`;
}

const KINDS = ['boolean', 'string', 'number', 'json'];
const EXAMPLE_VARIANTS = {
  string: '[{"key": "control", "value": "blue"}, {"key": "treatment", "value": "green"}]',
  number: '[{"key": "low", "value": 1}, {"key": "high", "value": 10}]',
  json: '[{"key": "a", "value": {"limit": 1}}, {"key": "b", "value": {"limit": 2}}]',
};

function CreateFlag({ onDone }) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('boolean');
  const [tags, setTags] = useState('');
  const [variants, setVariants] = useState('');
  const [error, setError] = useState(null);
  const create = async () => {
    setError(null);
    try {
      const body = { key, name: name || key, kind, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) };
      if (kind !== 'boolean') {
        try {
          body.variants = JSON.parse(variants || EXAMPLE_VARIANTS[kind]);
        } catch (invalid) {
          throw new Error(`The variants are not valid JSON: ${invalid.message}`);
        }
      }
      await post('/flags', body);
      onDone(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<${Confirm} title="New flag" confirmLabel="Create flag" onConfirm=${create} onCancel=${() => onDone(false)}>
    <p>A new flag is off in every environment until someone turns it on.</p>
    <${Field} label="Key" value=${key} onInput=${setKey} required pattern="[a-z0-9][a-z0-9._-]*" />
    <${Field} label="Name" value=${name} onInput=${setName} />
    <${Select} label="Kind" value=${kind} options=${KINDS} onChange=${setKind} />
    <${Field} label="Tags (comma-separated)" value=${tags} onInput=${setTags} />
    ${kind !== 'boolean' && html`<label class="field"><span>Variants (JSON)</span>
      <textarea rows="4" value=${variants} placeholder=${EXAMPLE_VARIANTS[kind]} onInput=${(e) => setVariants(e.currentTarget.value)} /></label>`}
    <${Alert} error=${error} />
  </${Confirm}>`;
}
