// Environments, keys and users: what admins manage, shown read-only to everyone else.
import { useState } from 'preact/hooks';
import { del, get, patch, post, put, q } from './api.js';
import { Alert, Checkbox, Confirm, Field, Select, html, useLoad, when } from './ui.js';

const adminOnly = (me, what) => (me && me.role === 'admin' ? null : `Read-only: only admins manage ${what}`);

export function Environments({ me, environments, changed }) {
  const [key, setKey] = useState('');
  const [guarded, setGuarded] = useState(false);
  const [deleting, setDeleting] = useState(null);
  const [error, setError] = useState(null);
  const why = adminOnly(me, 'environments');
  const run = async (work) => {
    setError(null);
    try {
      await work();
      changed();
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<section aria-labelledby="environments-title">
    <h1 id="environments-title">Environments</h1>
    <${Alert} error=${error} />
    <table aria-label="Environments"><thead><tr><th scope="col">Environment</th><th scope="col">Protected</th>
      <th scope="col">Public evaluation</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${environments.map((e) => html`<tr><th scope="row">${e.name} <span class="key">${e.key}</span></th>
        <td><${Checkbox} label="Protected" aria-label=${`${e.key} protected`} checked=${e.protected} disabled=${Boolean(why)} hint=${why}
          onChange=${(v) => run(() => patch(`/environments/${q(e.key)}`, { protected: v }))} /></td>
        <td><${Checkbox} label="Public" aria-label=${`${e.key} public evaluation`} checked=${e.public_evaluation} disabled=${Boolean(why)} hint=${why}
          onChange=${(v) => run(() => patch(`/environments/${q(e.key)}`, { public_evaluation: v }))} /></td>
        <td>${when(e.created_at)}</td>
        <td><button type="button" class="danger" disabled=${Boolean(why) || e.protected} aria-label=${`Delete ${e.key}`}
          title=${why || (e.protected ? 'A protected environment cannot be deleted' : `Delete ${e.key}`)} onClick=${() => setDeleting(e)}>Delete</button></td></tr>`)}</tbody></table>
    ${deleting && html`<${Confirm} title=${`Delete ${deleting.key}?`} confirmLabel="Delete environment" danger
      onCancel=${() => setDeleting(null)} onConfirm=${() => { const e = deleting; setDeleting(null); run(() => del(`/environments/${q(e.key)}`)); }}>
      <p>Every flag's config in ${deleting.key} is deleted, its keys stop working, and evaluations there fail.</p></${Confirm}>`}
    <form class="filters" aria-label="New environment" onSubmit=${(e) => { e.preventDefault(); run(() => post('/environments', { key, protected: guarded })); setKey(''); }}>
      <${Field} label="New environment key" value=${key} onInput=${setKey} disabled=${Boolean(why)} hint=${why} />
      <${Checkbox} label="Protected" aria-label="New environment protected" checked=${guarded} onChange=${setGuarded} disabled=${Boolean(why)} hint=${why} />
      <button type="submit" class="primary" disabled=${Boolean(why)} title=${why}>Create environment</button>
    </form>
  </section>`;
}

export function Keys({ me, environments }) {
  const [loaded, reload] = useLoad(() => get('/keys'), []);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('sdk');
  const [role, setRole] = useState('viewer');
  const [environment, setEnvironment] = useState(environments[0]?.key || '');
  const [created, setCreated] = useState(null);
  const [copied, setCopied] = useState('');
  const [error, setError] = useState(null);
  const why = adminOnly(me, 'keys');
  const create = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const body = { name, kind };
      if (kind === 'api') body.role = role;
      else body.environment = environment || environments[0].key;
      setCreated(await post('/keys', body));
      setCopied('');
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const revoke = async (key) => {
    setError(null);
    try {
      await del(`/keys/${q(key.id)}`);
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const copy = async () => {
    await navigator.clipboard.writeText(created.key).then(() => setCopied('Copied.'), () => setCopied('Select the key and copy it.'));
  };
  const keys = loaded.value ? loaded.value.items : [];
  return html`<section aria-labelledby="keys-title">
    <h1 id="keys-title">Keys</h1>
    <${Alert} error=${error || loaded.error} />
    ${created && html`<div class="secret" role="status"><p>The secret of <strong>${created.name}</strong>, shown this once:</p>
      <code aria-label="New key's secret">${created.key}</code>
      <button type="button" onClick=${copy}>Copy the secret</button> <span>${copied}</span></div>`}
    <form class="filters" aria-label="New key" onSubmit=${create}>
      <${Field} label="Key name" value=${name} onInput=${setName} disabled=${Boolean(why)} hint=${why} />
      <${Select} label="Kind" value=${kind} onChange=${setKind} disabled=${Boolean(why)} hint=${why}
        options=${[{ value: 'sdk', label: 'Server SDK' }, { value: 'client', label: 'Client-side' }, { value: 'api', label: 'API' }]} />
      ${kind === 'api'
        ? html`<${Select} label="Role" value=${role} onChange=${setRole} options=${['viewer', 'developer', 'admin']} disabled=${Boolean(why)} />`
        : html`<${Select} label="Environment" value=${environment} onChange=${setEnvironment} options=${environments.map((e) => e.key)} disabled=${Boolean(why)} />`}
      <button type="submit" class="primary" disabled=${Boolean(why)} title=${why}>Create key</button>
    </form>
    <table aria-label="Keys"><thead><tr><th scope="col">Key</th><th scope="col">Kind</th><th scope="col">Scope</th>
      <th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${keys.map((k) => html`<tr><th scope="row">${k.name} <span class="key">${k.prefix}…</span></th><td>${k.kind}</td>
        <td>${k.role || k.environment}</td><td>${k.last_used_at ? when(k.last_used_at) : 'never'}</td>
        <td>${k.revoked_at ? `revoked ${when(k.revoked_at)}` : 'active'}</td>
        <td><button type="button" class="danger" aria-label=${`Revoke ${k.name}`} disabled=${Boolean(why) || Boolean(k.revoked_at)} title=${why}
          onClick=${() => revoke(k)}>Revoke</button></td></tr>`)}</tbody></table>
  </section>`;
}

export function Users({ me }) {
  const [loaded, reload] = useLoad(() => get('/auth/users'), []);
  const [error, setError] = useState(null);
  const why = adminOnly(me, 'users');
  const change = async (user, role) => {
    setError(null);
    try {
      await put(`/auth/users/${q(user.id)}/role`, { role });
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const users = loaded.value ? loaded.value.items : [];
  return html`<section aria-labelledby="users-title">
    <h1 id="users-title">Users and roles</h1>
    <${Alert} error=${error || loaded.error} />
    <table aria-label="Users"><thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Since</th></tr></thead>
      <tbody>${users.map((u) => html`<tr><th scope="row">${u.email}</th>
        <td><${Select} label=${`Role of ${u.email}`} value=${u.role} options=${['viewer', 'developer', 'admin']} disabled=${Boolean(why)} hint=${why}
          onChange=${(role) => change(u, role)} /></td><td>${when(u.created_at)}</td></tr>`)}</tbody></table>
  </section>`;
}

