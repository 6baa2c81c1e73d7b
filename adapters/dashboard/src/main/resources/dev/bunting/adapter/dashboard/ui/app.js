// The dashboard's shell: signing in, the navigation, the route in the location's hash, and live updates.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, onSignedOut, post, signIn, signOut, token } from './api.js';
import { Alert, Field, html } from './ui.js';
import { FlagList } from './flags.js';
import { FlagPage } from './flag.js';
import { Playground } from './playground.js';
import { AuditLog } from './audit.js';
import { Environments, Keys, Users } from './settings.js';
import { ExperimentList, ExperimentPage } from './experiments.js';
import { follow } from './live.js';

const SCREENS = [
  ['flags', 'Flags'],
  ['experiments', 'Experiments'],
  ['playground', 'Playground'],
  ['audit', 'Audit log'],
  ['environments', 'Environments'],
  ['keys', 'Keys'],
  ['users', 'Users'],
];

function route() {
  const [screen = 'flags', ...rest] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  return { screen, id: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

function SignIn({ onSignedIn }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [registered, setRegistered] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await signIn(email, password);
      onSignedIn();
    } catch (failure) {
      setError(failure);
    }
  };
  const register = async () => {
    setError(null);
    try {
      await post('/auth/register', { email, password });
      setRegistered(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<main class="signin">
    <h1>Bunting</h1>
    <form onSubmit=${submit} aria-label="Sign in">
      <${Field} label="Email" type="email" value=${email} onInput=${setEmail} autocomplete="username" required />
      <${Field} label="Password" type="password" value=${password} onInput=${setPassword} autocomplete="current-password" required />
      <div class="actions">
        <button type="submit" class="primary">Sign in</button>
        <button type="button" onClick=${register}>Register</button>
      </div>
      ${registered && html`<p role="status">Registered. Sign in with the same address and password.</p>`}
      <${Alert} error=${error} />
    </form>
    <p><a href="/docs">API documentation</a></p>
  </main>`;
}

function App() {
  const [signedIn, setSignedIn] = useState(Boolean(token()));
  const [me, setMe] = useState(null);
  const [environments, setEnvironments] = useState([]);
  const [where, setWhere] = useState(route());
  const [changes, setChanges] = useState(0);
  const [live, setLive] = useState('');

  useEffect(() => onSignedOut(() => { setSignedIn(false); setMe(null); }), []);
  useEffect(() => {
    const moved = () => setWhere(route());
    addEventListener('hashchange', moved);
    return () => removeEventListener('hashchange', moved);
  }, []);
  useEffect(() => {
    const keys = (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if ((e.key === '/' && !typing) || (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        if (route().screen !== 'flags') location.hash = '#/flags';
        setTimeout(() => document.querySelector('[data-search]')?.focus(), 0);
      }
    };
    addEventListener('keydown', keys);
    return () => removeEventListener('keydown', keys);
  }, []);
  useEffect(() => {
    if (!signedIn) return undefined;
    get('/auth/me').then(setMe, () => {});
    get('/environments').then((answer) => setEnvironments(answer.items || answer), () => {});
    return undefined;
  }, [signedIn, changes]);
  useEffect(() => {
    if (!signedIn || environments.length === 0) return undefined;
    return follow(environments.map((e) => e.key), () => setChanges((c) => c + 1), setLive);
  }, [signedIn, environments.map((e) => e.key).join()]);

  if (!signedIn) return html`<${SignIn} onSignedIn=${() => setSignedIn(true)} />`;
  const shared = { me, environments, changes, changed: () => setChanges((c) => c + 1) };
  const admin = me && me.role === 'admin';
  return html`<div class="shell">
    <header>
      <a class="brand" href="#/flags">Bunting</a>
      <nav aria-label="Main">
        ${SCREENS.filter(([id]) => admin || id !== 'users').map(([id, label]) => html`<a href=${'#/' + id}
          aria-current=${where.screen === id ? 'page' : undefined}>${label}</a>`)}
        <a href="/docs">API</a>
      </nav>
      <span class="who">${me ? `${me.email} (${me.role})` : ''}</span>
      <span class="live" role="status" aria-label="Live updates">${live}</span>
      <button type="button" onClick=${() => signOut()}>Sign out</button>
    </header>
    <main>${screen(where, shared)}</main>
  </div>`;
}

function screen({ screen: name, id }, shared) {
  switch (name) {
    case 'flags':
      return id ? html`<${FlagPage} key=${id} flagKey=${id} ...${shared} />` : html`<${FlagList} ...${shared} />`;
    case 'experiments':
      return id ? html`<${ExperimentPage} key=${id} experimentKey=${id} ...${shared} />` : html`<${ExperimentList} ...${shared} />`;
    case 'playground':
      return html`<${Playground} ...${shared} />`;
    case 'audit':
      return html`<${AuditLog} ...${shared} />`;
    case 'environments':
      return html`<${Environments} ...${shared} />`;
    case 'keys':
      return html`<${Keys} ...${shared} />`;
    case 'users':
      return html`<${Users} ...${shared} />`;
    default:
      return html`<p>Nothing is here. <a href="#/flags">Go to the flags</a>.</p>`;
  }
}

render(html`<${App} />`, document.getElementById('app'));
