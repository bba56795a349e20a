// Shared wording and formatting: state labels with icons (never colour alone), numbers, durations.

export const STATES = {
  parasympathetic: { label: 'Calm (parasympathetic)', short: 'Calm', icon: '▼' },
  balanced: { label: 'Balanced', short: 'Balanced', icon: '●' },
  sympathetic: { label: 'Activated (sympathetic)', short: 'Activated', icon: '▲' },
  unknown: { label: 'No reading', short: 'No reading', icon: '?' },
};

export const QUALITY = {
  ok: 'good',
  'low-coverage': 'signal quality low: beats missing',
  'too-many-artefacts': 'signal quality low: too many artefacts',
  'no-contact': 'signal quality low: no skin contact',
  'warming-up': 'warming up: collecting the first minute of beats',
};

export const CONNECTION = { live: 'live', stale: 'delayed', lost: 'stream lost' };

export const ALERTS = {
  'sympathetic-surge': 'Sympathetic surge',
  'electrode-off': 'Electrode off',
  'stream-lost': 'Stream lost',
  artefacts: 'Too many artefacts',
};

export const PRACTICES = {
  'paced-breathing': 'Paced breathing',
  'body-scan': 'Body scan',
  'open-monitoring': 'Open monitoring',
  'tens-therapy': 'TENS therapy',
  free: 'Free practice',
};

export const PHASES = { baseline: 'Baseline', practice: 'Practice', recovery: 'Recovery' };

/** A state badge element: colour class + icon + words. */
export function stateBadge(state, { short = false } = {}) {
  const s = STATES[state] || STATES.unknown;
  const span = document.createElement('span');
  span.className = `state state-${STATES[state] ? state : 'unknown'}`;
  span.dataset.state = STATES[state] ? state : 'unknown';
  const icon = document.createElement('span');
  icon.className = 'icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = s.icon;
  span.append(icon, document.createTextNode(short ? s.short : s.label));
  return span;
}

export function num(value, digits = 0) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function duration(ms) {
  if (!(ms >= 0)) return '–';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return h ? `${h}:${mm}:${String(sec).padStart(2, '0')}` : `${mm}:${String(sec).padStart(2, '0')}`;
}

export function clockTime(ms) {
  return ms ? new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '–';
}

export function dateTime(ms) {
  return ms ? new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '–';
}

export function stimText(stim) {
  if (!stim) return 'none';
  if (!stim.on) return stim.electrode_ok === false ? 'off · electrode off' : 'off';
  const parts = [stim.modality || 'on'];
  if (typeof stim.current_ua === 'number') parts.push(`${(stim.current_ua / 1000).toFixed(1)} mA`);
  if (typeof stim.frequency_hz === 'number') parts.push(`${stim.frequency_hz} Hz`);
  if (stim.electrode_ok === false) parts.push('electrode off');
  return parts.join(' · ');
}

/** Removes every child of el, then appends the given nodes. */
export function fill(el, ...nodes) {
  el.replaceChildren(...nodes);
  return el;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/**
 * The session's current phase: the last phase started. (The view's own `phase` field is the phase at the
 * service's wall clock, which lags when a simulator runs faster than real time.)
 */
export function currentPhase(session) {
  const phases = session?.phases;
  return phases && phases.length ? phases[phases.length - 1].phase : session?.phase;
}
