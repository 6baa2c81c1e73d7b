// Shared pieces: the html tag, and controls that always carry an accessible name.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

/** A labelled input; `hint` explains a disabled control, for everyone, not only for pointer users. */
export function Field({ label, value, onInput, type = 'text', hint, ...rest }) {
  return html`<label class="field"><span>${label}</span>
    <input type=${type} value=${value} onInput=${(e) => onInput(e.currentTarget.value)} title=${hint} ...${rest} /></label>`;
}

export function Select({ label, value, options, onChange, hint, ...rest }) {
  return html`<label class="field"><span>${label}</span>
    <select value=${value} onChange=${(e) => onChange(e.currentTarget.value)} title=${hint} ...${rest}>
      ${options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o)).map(
        (o) => html`<option value=${o.value} selected=${o.value === value}>${o.label}</option>`)}
    </select></label>`;
}

export function Checkbox({ label, checked, onChange, hint, ...rest }) {
  return html`<label class="check"><input type="checkbox" checked=${checked}
    onChange=${(e) => onChange(e.currentTarget.checked)} title=${hint} ...${rest} /> ${label}</label>`;
}

/** An on/off switch; its name says what it switches, and `hint` why it cannot be used when disabled. */
export function Switch({ label, on, onToggle, disabled, hint }) {
  return html`<button type="button" role="switch" class=${on ? 'switch on' : 'switch'} aria-checked=${on ? 'true' : 'false'}
    aria-label=${label} disabled=${disabled} title=${disabled ? hint : label} onClick=${onToggle}>
    <span aria-hidden="true">${on ? 'On' : 'Off'}</span></button>`;
}

/** What went wrong, read out when it appears. */
export function Alert({ error }) {
  if (!error) return null;
  return html`<p class="alert" role="alert">${String(error.message || error)}</p>`;
}

export function Notice({ text }) {
  return html`<p class="notice" role="status">${text || ''}</p>`;
}

/** A modal confirmation that says what will happen; Escape cancels. */
export function Confirm({ title, children, confirmLabel, onConfirm, onCancel, danger }) {
  const dialog = useRef();
  useEffect(() => {
    dialog.current.showModal();
    return () => dialog.current && dialog.current.open && dialog.current.close();
  }, []);
  return html`<dialog ref=${dialog} aria-label=${title} onCancel=${(e) => { e.preventDefault(); onCancel(); }}>
    <h2>${title}</h2>
    ${children}
    <div class="actions">
      <button type="button" onClick=${onCancel}>Cancel</button>
      <button type="button" class=${danger ? 'danger' : 'primary'} onClick=${onConfirm}>${confirmLabel}</button>
    </div></dialog>`;
}

/** Loads once and again whenever `deps` change; `reload` loads again on demand. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => live && setState({ value }),
      (error) => live && setState({ error }),
    );
    return () => { live = false; };
  }, [...deps, round]);
  return [state, () => setRound((r) => r + 1)];
}

/** What a person without the right may see of a control: why it is read-only. */
export function whyReadOnly(me, environment) {
  if (!me) return 'Sign in to make changes';
  if (me.role === 'viewer') return 'Read-only: viewers cannot change anything';
  if (environment && environment.protected && me.role !== 'admin') {
    return `Read-only: ${environment.key} is protected, and only admins change it`;
  }
  return null;
}

export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
