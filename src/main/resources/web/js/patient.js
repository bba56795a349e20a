// Patient page: pair a device, start a session, practise with the pacer and the calm meter, finish
// and read the summary.
import { api, mountHeader, openStream, requireUser } from './api.js';
import { CONNECTION, currentPhase, duration, el, fill, PHASES, QUALITY, STATES, stateBadge } from './format.js';
import { renderSentences, renderTable } from './summary.js';

const user = requireUser(['PATIENT']);
mountHeader(user);

const $ = id => document.getElementById(id);
const pageError = $('page-error');
let stream = null;
let ticker = null;
let pacerTimer = null;
let activeSession = null;
let estimateSeen = false;

function show(view) {
  for (const id of ['setup', 'live', 'summary']) $(id).hidden = id !== view;
}

function kindLabel(kind) {
  return kind === 'hr-sensor' ? 'Heart-rate strap' : kind === 'stimulator' ? 'Stimulator' : kind;
}

function deviceMeta(d) {
  const parts = [kindLabel(d.kind), d.online ? 'online' : 'offline'];
  if (typeof d.battery_pct === 'number') parts.push(`battery ${d.battery_pct}%`);
  parts.push(d.transport === 'ble' ? 'Bluetooth' : 'network');
  return parts.join(' · ');
}

// ---------- devices ----------

async function loadDevices() {
  pageError.textContent = '';
  try {
    const [paired, unpaired] = await Promise.all([
      api('GET', '/api/devices?unpaired=false'),
      api('GET', '/api/devices?unpaired=true'),
    ]);
    const mine = paired.filter(d => d.patient_id === user.id);
    fill($('paired-list'), ...mine.map(d => el('li', { class: 'device', dataset: { deviceId: d.id } },
      el('div', {}, el('strong', { text: d.display_name || d.model }), el('div', { class: 'meta', text: deviceMeta(d) })))));
    $('paired-empty').hidden = mine.length > 0;
    fill($('unpaired-list'), ...unpaired.map(unpairedItem));
    $('unpaired-empty').hidden = unpaired.length > 0;
  } catch (e) {
    pageError.textContent = `Could not load your devices: ${e.message}`;
  }
}

function unpairedItem(d) {
  const name = d.display_name || d.model;
  const li = el('li', { dataset: { deviceId: d.id } });
  const pairButton = el('button', { type: 'button', class: 'secondary', text: `Pair ${name}`,
    'aria-expanded': 'false' });
  const codeId = `claim-${d.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const form = el('form', { class: 'claim-form', hidden: true },
    el('label', { for: codeId, text: `Claim code for ${name}` }),
    el('div', { class: 'row' },
      el('input', { id: codeId, name: 'code', autocomplete: 'off', inputmode: 'text', required: true,
        spellcheck: 'false' }),
      el('button', { type: 'submit', text: 'Confirm pairing' }),
      el('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => toggle(false) })),
    el('p', { class: 'error', role: 'alert' }));
  function toggle(open) {
    form.hidden = !open;
    pairButton.setAttribute('aria-expanded', String(open));
    if (open) form.querySelector('input').focus(); else pairButton.focus();
  }
  pairButton.addEventListener('click', () => toggle(form.hidden));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const code = form.code.value.trim();
    const error = form.querySelector('.error');
    if (!code) {
      error.textContent = 'Type the claim code from the device label.';
      return;
    }
    error.textContent = '';
    try {
      await api('POST', `/api/devices/${encodeURIComponent(d.id)}/claim`, { claim_code: code });
      $('pair-status').textContent = `${name} is now paired with you.`;
      await loadDevices();
    } catch (e) {
      error.textContent = e.status === 403 ? 'That code does not match this device. Check the label and try again.'
        : e.status === 409 ? 'This device is already paired with someone.'
        : e.status === 429 ? 'Too many wrong codes: wait a few minutes.'
        : `Pairing failed: ${e.message}`;
      form.code.select();
    }
  });
  li.append(el('div', { class: 'device' },
    el('div', {}, el('strong', { text: name }), el('div', { class: 'meta', text: `${deviceMeta(d)} · ${d.id}` })),
    pairButton), form);
  return li;
}

$('refresh-devices').addEventListener('click', () => {
  $('pair-status').textContent = '';
  loadDevices();
});

// ---------- start ----------

$('rate').addEventListener('input', () => { $('rate-out').value = $('rate').value; });

$('start-form').addEventListener('submit', async event => {
  event.preventDefault();
  $('start-error').textContent = '';
  const body = {
    patient_id: user.id,
    practice: $('practice').value,
    breathing_rate_per_min: Number($('rate').value),
    context: 'home',
  };
  if ($('calm-start').value !== '') body.calm_start = Number($('calm-start').value);
  $('start-session').disabled = true;
  try {
    const session = await api('POST', '/api/sessions', body);
    goLive(session);
  } catch (e) {
    if (e.status === 409) {
      const running = await activeSessions();
      if (running.length) { goLive(running[0]); return; }
    }
    $('start-error').textContent = e.status === 422 ? 'Pair a heart-rate strap first, then start again.'
      : `Could not start: ${e.message}`;
  } finally {
    $('start-session').disabled = false;
  }
});

async function activeSessions() {
  return api('GET', `/api/sessions?active=true&patient_id=${user.id}`);
}

// ---------- live ----------

function startPacer(ratePerMin) {
  const cycleMs = 60_000 / ratePerMin;
  const pacer = $('pacer');
  pacer.style.setProperty('--cycle', `${cycleMs}ms`);
  pacer.classList.remove('running');
  void pacer.offsetWidth; // restart the animation so the words and the circle start together
  pacer.classList.add('running');
  $('pacer-rate').textContent = `${ratePerMin} breaths a minute: ${(cycleMs / 2000).toFixed(1)} s in, ${(cycleMs / 2000).toFixed(1)} s out`;
  const t0 = performance.now();
  clearInterval(pacerTimer);
  const text = $('pacer-text');
  const bar = $('pacer-progress');
  pacerTimer = setInterval(() => {
    const f = ((performance.now() - t0) % cycleMs) / cycleMs;
    const inhale = f < 0.5;
    const word = inhale ? 'Breathe in' : 'Breathe out';
    if (text.textContent !== word) text.textContent = word;
    bar.style.width = `${Math.round((inhale ? f * 2 : (1 - f) * 2) * 100)}%`;
  }, 100);
}

function stopPacer() {
  clearInterval(pacerTimer);
  $('pacer').classList.remove('running');
}

function showEstimate(e) {
  estimateSeen = true;
  // no stale number: a window without a heart rate shows a dash
  $('hr').textContent = typeof e.hr_bpm === 'number' ? Math.round(e.hr_bpm) : '–';
  const meter = $('meter');
  const ok = e.quality === 'ok' && typeof e.score === 'number';
  meter.classList.toggle('off', !ok);
  if (ok) {
    const pct = Math.max(0, Math.min(100, (e.score + 1) * 50));
    $('needle').style.left = `${pct}%`;
    meter.setAttribute('aria-valuenow', String(Math.round(pct)));
    meter.setAttribute('aria-valuetext', `${STATES[e.state]?.label || e.state}, ${Math.round(pct)} of 100`);
    fill($('state-line'), el('span', { text: 'You are: ' }), stateBadge(e.state));
    $('quality').textContent = '';
  } else {
    meter.removeAttribute('aria-valuenow');
    const words = e.quality === 'warming-up' ? 'Warming up: your first reading comes after about a minute.'
      : `Signal quality low: ${(QUALITY[e.quality] || e.quality).replace(/^signal quality low: /, '')}. Check the strap sits snugly and the skin contact is moist.`;
    meter.setAttribute('aria-valuetext', words);
    fill($('state-line'));
    $('quality').textContent = words;
  }
  $('connection').textContent = CONNECTION[e.connection] || e.connection || 'live';
}

function goLive(session) {
  activeSession = session;
  estimateSeen = false;
  show('live');
  $('end-error').textContent = '';
  $('hr').textContent = '–';
  $('quality').textContent = '';
  fill($('state-line'), el('span', { class: 'hint', text: 'The first reading comes after about a minute.' }));
  $('phase').textContent = PHASES[currentPhase(session)] || currentPhase(session) || '';
  startPacer(session.breathing_rate_per_min || 6);
  clearInterval(ticker);
  ticker = setInterval(() => { $('elapsed').textContent = duration(Date.now() - session.started_ms); }, 1000);
  if (session.latest) showEstimate(session.latest);
  stream?.close();
  stream = openStream(`/api/sessions/${session.id}/live`, (type, data) => {
    if (type === 'estimate') showEstimate(data);
    else if (type === 'beat' && !estimateSeen && data.rr_ms > 0) $('hr').textContent = Math.round(60000 / data.rr_ms);
    else if (type === 'phase') $('phase').textContent = PHASES[data.phase] || data.phase || '';
    else if (type === 'ended') finished(session.id);
  }, status => {
    if (status !== 'live') $('connection').textContent = status === 'reconnecting' ? 'reconnecting…' : 'closed';
  });
  $('pacer-title').scrollIntoView({ block: 'start' });
}

$('end-form').addEventListener('submit', async event => {
  event.preventDefault();
  if (!activeSession) return;
  const body = {};
  if ($('calm-end').value !== '') body.calm_end = Number($('calm-end').value);
  $('end-session').disabled = true;
  try {
    await api('POST', `/api/sessions/${activeSession.id}/end`, body);
    await finished(activeSession.id);
  } catch (e) {
    $('end-error').textContent = `Could not end the session: ${e.message}`;
  } finally {
    $('end-session').disabled = false;
  }
});

async function finished(sessionId) {
  stream?.close();
  stream = null;
  stopPacer();
  clearInterval(ticker);
  activeSession = null;
  show('summary');
  fill($('summary-sentences'), el('li', { text: 'Putting your summary together…' }));
  try {
    const summary = await api('GET', `/api/sessions/${sessionId}/summary`);
    renderSentences($('summary-sentences'), summary);
    renderTable($('summary-table'), summary, { compact: true });
  } catch (e) {
    fill($('summary-sentences'), el('li', { text: `The summary is not available: ${e.message}` }));
  }
  $('summary-title').focus();
}

$('again').addEventListener('click', () => {
  show('setup');
  loadDevices();
  $('start-title').scrollIntoView();
});

// ---------- start-up: resume a running session, else the set-up view ----------
(async () => {
  try {
    const running = await activeSessions();
    if (running.length) { goLive(running[0]); return; }
  } catch (e) {
    pageError.textContent = `Could not check for a running session: ${e.message}`;
  }
  show('setup');
  loadDevices();
})();
