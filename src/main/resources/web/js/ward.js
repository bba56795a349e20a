// Therapist ward: one tile per active session, live from GET /api/live/ward; alerts on top.
import { api, mountHeader, openStream, requireUser } from './api.js';
import { ALERTS, CONNECTION, currentPhase, dateTime, duration, el, fill, num, PHASES, PRACTICES, QUALITY, stateBadge, stimText } from './format.js';

const user = requireUser(['THERAPIST', 'ADMINISTRATOR']);
mountHeader(user);

const $ = id => document.getElementById(id);
const tiles = new Map(); // session id -> {session, estimate, node, alert}

function tileFor(session) {
  let t = tiles.get(session.id);
  if (!t) {
    t = { session, estimate: session.latest || null, alert: null, node: el('article', { class: 'tile', dataset: { sessionId: session.id } }) };
    tiles.set(session.id, t);
    $('tiles').append(t.node);
  } else {
    t.session = { ...t.session, ...session };
    if (session.latest) t.estimate = session.latest;
  }
  return t;
}

// The tile's structure is built once and only its texts change, so keyboard focus on its link
// survives the updates every few seconds.
function build(t) {
  const slot = cls => el('span', { class: cls });
  const dd = cls => el('dd', { class: cls });
  t.slots = {
    name: slot('patient'), elapsed: slot('hint elapsed'), state: el('span', { class: 'state-slot' }),
    practice: el('span', { class: 'pill' }), alert: el('p', { class: 'tile-alert' }),
    hr: dd('hr'), rmssd: dd('rmssd'), coherence: dd('coherence'), stim: dd('stim'), connection: dd('connection'),
    quality: dd('quality'), phase: dd('phase'),
    link: el('a', { class: 'button secondary', href: `session.html?id=${encodeURIComponent(t.session.id)}` }),
  };
  const s = t.slots;
  t.node.append(el('h3', {}, s.name, s.elapsed), el('div', { class: 'badges' }, s.state, s.practice), s.alert,
    el('dl', {},
      el('dt', { text: 'Heart rate' }), s.hr, el('dt', { text: 'RMSSD' }), s.rmssd,
      el('dt', { text: 'Coherence' }), s.coherence, el('dt', { text: 'Stimulation' }), s.stim,
      el('dt', { text: 'Connection' }), s.connection, el('dt', { text: 'Signal' }), s.quality,
      el('dt', { text: 'Phase' }), s.phase),
    s.link);
}

function render(t) {
  if (!t.slots) build(t);
  const s = t.session;
  const e = t.estimate;
  const state = e && e.quality === 'ok' ? e.state : 'unknown';
  t.node.className = `tile s-${state}${t.alert ? ' has-alert' : ''}`;
  t.node.dataset.state = state;
  const name = s.patient_name || `Patient ${s.patient_id}`;
  const slots = t.slots;
  slots.name.textContent = name;
  slots.elapsed.textContent = duration(Date.now() - s.started_ms);
  if (slots.state.dataset.state !== state) {
    fill(slots.state, stateBadge(state));
    slots.state.dataset.state = state;
  }
  slots.practice.textContent = PRACTICES[s.practice] || s.practice;
  slots.alert.textContent = t.alert ? `⚠ ${ALERTS[t.alert.kind] || t.alert.kind}${t.alert.text ? `: ${t.alert.text}` : ''}` : '';
  slots.hr.textContent = e ? `${num(e.hr_bpm)} bpm` : '–';
  slots.rmssd.textContent = e ? `${num(e.rmssd_ms, 1)} ms` : '–';
  slots.coherence.textContent = e ? num(e.coherence, 2) : '–';
  slots.stim.textContent = e ? stimText(e.stim) : '–';
  slots.connection.textContent = e ? CONNECTION[e.connection] || e.connection : '–';
  slots.quality.textContent = e ? (e.quality === 'ok' ? 'good' : QUALITY[e.quality] || e.quality) : 'waiting';
  slots.phase.textContent = PHASES[currentPhase(s)] || currentPhase(s) || '–';
  slots.link.textContent = `Open ${name}'s session`;
  $('tiles-empty').hidden = tiles.size > 0;
}

function remove(sessionId) {
  const t = tiles.get(sessionId);
  if (!t) return;
  t.node.remove();
  tiles.delete(sessionId);
  $('tiles-empty').hidden = tiles.size > 0;
}

function raise(alert) {
  const t = tiles.get(alert.session_id);
  const who = t ? t.session.patient_name || `Patient ${t.session.patient_id}` : 'A patient';
  if (t) { t.alert = alert; render(t); }
  const item = el('div', { class: 'alert-item', dataset: { kind: alert.kind } },
    el('span', { 'aria-hidden': 'true', text: '⚠' }),
    el('span', { text: `${who}: ${ALERTS[alert.kind] || alert.kind}${alert.text ? ` (${alert.text})` : ''}` }),
    el('button', { type: 'button', class: 'secondary', text: 'Dismiss', onclick: () => {
      item.remove();
      if (t && t.alert === alert) { t.alert = null; render(t); }
    } }));
  $('alerts').prepend(item);
  while ($('alerts').children.length > 8) $('alerts').lastChild.remove();
}

async function loadActive() {
  const sessions = await api('GET', '/api/sessions?active=true');
  for (const s of sessions) render(tileFor(s));
  $('tiles-empty').hidden = tiles.size > 0;
}

async function loadPatients() {
  try {
    const patients = await api('GET', '/api/patients');
    fill($('patients'), ...patients.map(p => {
      const list = el('ul', { class: 'sessions', hidden: true });
      const button = el('button', { type: 'button', class: 'secondary', text: `Sessions of ${p.displayName}`, 'aria-expanded': 'false' });
      button.addEventListener('click', async () => {
        const open = list.hidden;
        list.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        if (!open) return;
        try {
          const sessions = await api('GET', `/api/sessions?patient_id=${p.id}`);
          sessions.sort((a, b) => b.started_ms - a.started_ms);
          fill(list, ...(sessions.length ? sessions.map(s => el('li', {},
            el('a', { href: `session.html?id=${encodeURIComponent(s.id)}`,
              text: `${dateTime(s.started_ms)}: ${PRACTICES[s.practice] || s.practice}${s.ended_ms ? ` (${duration(s.ended_ms - s.started_ms)})` : ' (running)'}` })))
            : [el('li', { class: 'empty', text: 'No sessions yet.' })]));
        } catch (e) {
          fill(list, el('li', { class: 'error', text: e.message }));
        }
      });
      return el('li', {}, el('div', { class: 'device' }, el('strong', { text: p.displayName }), button), list);
    }));
  } catch (e) {
    $('page-error').textContent = `Could not load your patients: ${e.message}`;
  }
}

(async () => {
  try {
    await loadActive();
  } catch (e) {
    $('page-error').textContent = `Could not load the ward: ${e.message}`;
  }
  openStream('/api/live/ward', (type, data) => {
    if (type === 'session') {
      if (data.ended_ms) remove(data.id); else render(tileFor(data));
    } else if (type === 'estimate') {
      const t = tiles.get(data.session_id);
      if (t) { t.estimate = data; render(t); }
    } else if (type === 'alert') {
      raise(data);
    } else if (type === 'ended') {
      remove(data.session_id ?? data.id);
    }
  }, status => { $('feed').textContent = status === 'live' ? 'live' : status === 'reconnecting' ? 'reconnecting…' : 'closed'; });
  setInterval(() => {
    for (const t of tiles.values()) {
      const node = t.node.querySelector('.elapsed');
      if (node) node.textContent = duration(Date.now() - t.session.started_ms);
    }
  }, 1000);
  loadPatients();
})();
