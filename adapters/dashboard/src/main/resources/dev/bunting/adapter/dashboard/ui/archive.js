// Archiving and restoring a flag, from its page or the list. The confirmation says, environment by environment, what
// the flag serves now, how often it was evaluated over the last day, and that archiving stops it being evaluated
// there: SDKs get FLAG_NOT_FOUND and serve their code's default. Restoring brings back the configs it had.
import { useState } from 'preact/hooks';
import { get, post, q } from './api.js';
import { Alert, Confirm, html, useLoad } from './ui.js';
import { summary } from './flags.js';

const DAY = 24 * 60 * 60 * 1000;

/** How many evaluations of the flag each environment counted over the last day, by environment key. */
async function evaluationsLastDay(flagKey, environments) {
  const from = new Date(Date.now() - DAY).toISOString();
  const counts = await Promise.all(environments.map((e) =>
    get(`/flags/${q(flagKey)}/evaluations?environment=${q(e.key)}&bucket=hour&from=${q(from)}`)
      .then((counted) => counted.points.reduce((sum, point) => sum + point.count, 0), () => null)));
  return Object.fromEntries(environments.map((e, i) => [e.key, counts[i]]));
}

/** What archiving does in one environment, in a sentence. */
function consequence(config, evaluations) {
  const now = config && config.enabled ? `on, serving ${summary(config)}` : `off, serving ${config ? config.off_variant : 'its off variant'}`;
  const traffic = evaluations === null ? '' : `, ${evaluations.toLocaleString()} evaluations in the last day`;
  return `${now}${traffic} → stops being evaluated; SDKs get FLAG_NOT_FOUND and serve their default`;
}

/**
 * The confirmation of an archive; `configs` holds the flag's config by environment key, as the flag page or the
 * list read it.
 */
export function ArchiveFlag({ flag, environments, configs, onDone }) {
  const [error, setError] = useState(null);
  const [counted] = useLoad(() => evaluationsLastDay(flag.key, environments), [flag.key]);
  const archive = async () => {
    setError(null);
    try {
      await post(`/flags/${q(flag.key)}/archive`, { version: flag.version });
      onDone(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<${Confirm} title=${`Archive ${flag.key}?`} confirmLabel="Archive in every environment" danger onConfirm=${archive} onCancel=${() => onDone(false)}>
    <p>Archiving keeps the flag and its configs, so a restore brings it back as it is, but no environment evaluates it meanwhile:</p>
    <ul aria-label="What archiving does in each environment">${environments.map((e) => html`<li key=${e.key}>
      <strong>${e.name}</strong>: ${consequence(configs[e.key], counted.value ? counted.value[e.key] : null)}</li>`)}</ul>
    <p>Until it is restored, its definition and configs cannot be changed, nor an experiment started on it.</p>
    <${Alert} error=${error} />
  </${Confirm}>`;
}

export function RestoreFlag({ flag, onDone }) {
  const [error, setError] = useState(null);
  const restore = async () => {
    setError(null);
    try {
      await post(`/flags/${q(flag.key)}/restore`, { version: flag.version });
      onDone(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<${Confirm} title=${`Restore ${flag.key}?`} confirmLabel="Restore in every environment" onConfirm=${restore} onCancel=${() => onDone(false)}>
    <p>Every environment evaluates the flag again, with the config it had when it was archived.</p>
    <${Alert} error=${error} />
  </${Confirm}>`;
}

/** Why a person cannot archive or restore: only admins may, as only they delete. */
export const whyNotArchive = (me) => (me && me.role === 'admin' ? null : 'Only admins archive and restore flags');
