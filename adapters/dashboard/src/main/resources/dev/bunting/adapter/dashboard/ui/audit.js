// The audit log: filters, pages by cursor, and each change's fields as before → after.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api.js';
import { Alert, Field, Select, html, when } from './ui.js';

export function AuditLog({ environments, changes }) {
  const [filters, setFilters] = useState({ actor: '', action: '', entity: '', environment: '', from: '', to: '' });
  const [pages, setPages] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const load = async (after) => {
    setError(null);
    try {
      const params = new URLSearchParams();
      ['actor', 'action', 'environment'].forEach((name) => filters[name] && params.set(name, filters[name]));
      if (filters.from) params.set('from', new Date(filters.from).toISOString());
      if (filters.to) params.set('to', new Date(filters.to).toISOString());
      if (after) params.set('cursor', after);
      const path = filters.entity ? `/audit/flag/${encodeURIComponent(filters.entity)}` : '/audit';
      const page = await get(`${path}?${params}`);
      setPages(after ? [...pages, ...page.items] : page.items);
      setCursor(page.next_cursor);
    } catch (failure) {
      setError(failure);
    }
  };
  // the newest entries again whenever something changes, live
  useEffect(() => { load(); }, [changes]);
  const set = (name) => (value) => setFilters({ ...filters, [name]: value });
  return html`<section aria-labelledby="audit-title">
    <h1 id="audit-title">Audit log</h1>
    <form class="filters" aria-label="Audit filters" onSubmit=${(e) => { e.preventDefault(); load(); }}>
      <${Field} label="Actor" value=${filters.actor} onInput=${set('actor')} />
      <${Field} label="Action" value=${filters.action} onInput=${set('action')} placeholder="flag_config.toggled" />
      <${Field} label="Flag" value=${filters.entity} onInput=${set('entity')} />
      <${Select} label="Environment" value=${filters.environment} onChange=${set('environment')}
        options=${[{ value: '', label: 'Any environment' }, ...environments.map((e) => e.key)]} />
      <${Field} label="From" type="datetime-local" value=${filters.from} onInput=${set('from')} />
      <${Field} label="To" type="datetime-local" value=${filters.to} onInput=${set('to')} />
      <button type="submit" class="primary">Apply filters</button>
    </form>
    <${Alert} error=${error} />
    <ol class="audit">${pages.map((entry) => html`<li key=${entry.id}>
      <p><strong>${entry.actor.name}</strong> · <code>${entry.action}</code> · ${entry.entity.type} <strong>${entry.entity.id}</strong>
        ${entry.environment ? ` in ${entry.environment}` : ''} · <time datetime=${entry.at}>${when(entry.at)}</time></p>
      <table class="diff" aria-label=${`Changes of entry ${entry.id}`}><thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
        <tbody>${entry.diff.map((d) => html`<tr><th scope="row"><code>${d.path}</code></th>
          <td class="before"><code>${JSON.stringify(d.before)}</code></td><td class="after">→ <code>${JSON.stringify(d.after)}</code></td></tr>`)}</tbody></table>
    </li>`)}</ol>
    ${cursor && html`<button type="button" onClick=${() => load(cursor)}>Older entries</button>`}
  </section>`;
}
