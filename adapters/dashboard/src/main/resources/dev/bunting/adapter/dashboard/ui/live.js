// Live updates: a change made anywhere (another browser, the API, an SDK's key holder) reaches the open screen.
// The local runner streams each environment's new versions (GET /sdk/stream); where streams are not served (AWS
// Lambda answers 501), the flag set is polled with If-None-Match (GET /sdk/flags), which costs a 304 when unchanged.
// fetch rather than EventSource, because EventSource cannot send the user's token.
import { token } from './api.js';

const POLL_MILLIS = 5000;
const RETRY_MILLIS = 3000;

export function follow(environments, onChange, report) {
  const stop = new AbortController();
  let pending = null;
  // one word for all the environments: the worst of their states
  const states = {};
  const onStatus = (environment) => (state) => {
    states[environment] = state;
    const all = Object.values(states);
    report(['Reconnecting', 'Polling for changes', 'Live'].find((worst) => all.includes(worst)));
  };
  const changed = () => {
    clearTimeout(pending);
    pending = setTimeout(onChange, 100);
  };
  environments.forEach((environment) => stream(environment, stop.signal, changed, onStatus(environment)));
  return () => {
    clearTimeout(pending);
    stop.abort();
  };
}

const headers = () => ({ Authorization: `Bearer ${token()}` });

async function stream(environment, signal, changed, onStatus) {
  let first = true;
  while (!signal.aborted) {
    try {
      const response = await fetch(`/sdk/stream?environment=${encodeURIComponent(environment)}`, { headers: headers(), signal });
      if (response.status === 501) {
        onStatus('Polling for changes');
        return poll(environment, signal, changed);
      }
      if (!response.ok) return undefined;
      onStatus('Live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const events = buffer.split('\n\n');
        buffer = events.pop();
        for (const event of events) {
          if (!event.split('\n').some((line) => line.startsWith('data:'))) continue;
          if (first) first = false;
          else changed();
        }
      }
    } catch (failure) {
      if (signal.aborted) return undefined;
    }
    onStatus('Reconnecting');
    await new Promise((resolve) => setTimeout(resolve, RETRY_MILLIS));
  }
  return undefined;
}

async function poll(environment, signal, changed) {
  let etag = null;
  while (!signal.aborted) {
    try {
      const sent = headers();
      if (etag) sent['If-None-Match'] = etag;
      const response = await fetch(`/sdk/flags?environment=${encodeURIComponent(environment)}`, { headers: sent, signal });
      if (response.status === 200) {
        const next = response.headers.get('ETag');
        if (etag && next !== etag) changed();
        etag = next;
      }
    } catch (failure) {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
  }
}
