// Therapist session view: live charts while the session runs (history first, then the live stream),
// markers and phase changes; after the end the same charts from history, the summary and exports.
import { api, download, mountHeader, openStream, requireUser } from './api.js';
import { TimeChart } from './chart.js';
import { ALERTS, CONNECTION, currentPhase, dateTime, duration, el, fill, num, PHASES, PRACTICES, QUALITY, stateBadge, stimText } from './format.js';
import { renderSentences, renderTable } from './summary.js';

const user = requireUser(['THERAPIST', 'ADMINISTRATOR']);
mountHeader(user);

const $ = id => document.getElementById(id);
const sessionId = new URLSearchParams(location.search).get('id');
const PHASE_FILL = { baseline: '#eef3f8', practice: '#e9f4ef', recovery: '#f6f0e7' };
const STIM_HATCH = '#cc79a7';

// Okabe–Ito colours, each line also told apart by dash pattern and named in a legend.
const CHARTS = [
  { id: 'rr', title: 'RR tachogram', series: [{ key: 'rr', label: 'RR interval', unit: 'ms', color: '#1f2933', dots: true, maxGapMs: 4000 }] },
  { id: 'hr', title: 'Heart rate', series: [{ key: 'hr', label: 'Heart rate', unit: 'bpm', color: '#d55e00', maxGapMs: 16000 }] },
  { id: 'vagal', title: 'RMSSD and HF power', series: [
    { key: 'rmssd', label: 'RMSSD (left axis)', unit: 'ms', digits: 1, color: '#0072b2', maxGapMs: 16000 },
    { key: 'hf', label: 'HF power (right axis)', unit: 'ms²', color: '#009e73', dash: true, axis: 'right', maxGapMs: 16000 }] },
  { id: 'pnssns', title: 'PNS and SNS indices', series: [
    { key: 'pns', label: 'PNS index', digits: 2, color: '#0072b2', maxGapMs: 16000 },
    { key: 'sns', label: 'SNS index', digits: 2, color: '#d55e00', dash: true, maxGapMs: 16000 }] },
  { id: 'coherence', title: 'Coherence', left: { min: 0 }, series: [
    { key: 'coherence', label: 'Coherence', digits: 2, color: '#56b4e9', maxGapMs: 16000 }] },
];

const charts = [];
let session = null;
let stimOnSince = null;
const stimPeriods = [];
let markers = [];
let stream = null;
let clock = null;

function buildCharts() {
  for (const spec of CHARTS) {
    const canvas = el('canvas', { role: 'img', id: `chart-${spec.id}` });
    const legend = el('p', { class: 'legend' }, ...spec.series.map(s =>
      el('span', {}, el('span', { class: `swatch${s.dash ? ' dash' : ''}`, style: `border-top-color:${s.color}` }), s.label)));
    $('charts').append(el('figure', { class: 'chart', style: 'margin:0' }, el('h3', { text: spec.title }), canvas, legend));
    charts.push(new TimeChart(canvas, { title: spec.title, series: spec.series, left: spec.left }));
  }
}

function chartFor(key) {
  return charts.find(c => c.options.series.some(s => s.key === key));
}

function listOf(body, field) {
  if (Array.isArray(body)) return body;
  return body?.[field] || body?.items || [];
}

function addEstimate(e) {
  const t = e.t_ms;
  chartFor('hr').append('hr', t, e.hr_bpm ?? NaN);
  chartFor('rmssd').append('rmssd', t, e.rmssd_ms ?? NaN);
  chartFor('hf').append('hf', t, e.hf_ms2 ?? NaN);
  chartFor('pns').append('pns', t, e.pns_index ?? NaN);
  chartFor('sns').append('sns', t, e.sns_index ?? NaN);
  chartFor('coherence').append('coherence', t, e.coherence ?? NaN);
  trackStim(t, e.stim?.on === true);
}

function trackStim(t, on) {
  if (on && stimOnSince === null) stimOnSince = t;
  if (!on && stimOnSince !== null) {
    stimPeriods.push({ from: stimOnSince, to: t });
    stimOnSince = null;
  }
  drawBands();
}

function drawBands() {
  const bands = (session?.phases || []).map(p => ({
    from: p.start_ms, to: p.end_ms ?? session.ended_ms ?? Infinity, fill: PHASE_FILL[p.phase] || '#f3f4f6',
    label: PHASES[p.phase] || p.phase,
  }));
  for (const s of stimPeriods) bands.push({ from: s.from, to: s.to, hatch: STIM_HATCH });
  if (stimOnSince !== null) bands.push({ from: stimOnSince, to: session.ended_ms ?? Infinity, hatch: STIM_HATCH });
  for (const c of charts) c.setBands(bands);
}

function drawMarkers() {
  const list = markers.map(m => ({ t: m.t_ms, text: m.text }));
  for (const c of charts) c.setMarkers(list);
  fill($('marker-list'), ...(markers.length ? markers.map(m => el('li', { text: `${duration(m.t_ms - session.started_ms)} — ${m.text}${m.author ? ` (${m.author})` : ''}` }))
    : [el('li', { class: 'empty', text: 'No markers.' })]));
}

function showNow(e) {
  const state = e.quality === 'ok' ? e.state : 'unknown';
  fill($('state-slot'), stateBadge(state));
  $('now-hr').textContent = num(e.hr_bpm);
  $('now-rmssd').textContent = num(e.rmssd_ms, 1);
  $('now-quality').textContent = e.quality === 'ok' ? 'good' : QUALITY[e.quality] || e.quality;
  $('now-connection').textContent = CONNECTION[e.connection] || e.connection || '–';
  $('now-stim').textContent = stimText(e.stim);
}

function describeSession() {
  const s = session;
  $('session-title').textContent = `${s.patient_name || `Patient ${s.patient_id}`} · ${PRACTICES[s.practice] || s.practice}`;
  document.title = `${$('session-title').textContent} · Equilibrium`;
  const parts = [`started ${dateTime(s.started_ms)}`];
  if (s.ended_ms) parts.push(`ended ${dateTime(s.ended_ms)} (${duration(s.ended_ms - s.started_ms)})`);
  if (s.breathing_rate_per_min) parts.push(`${s.breathing_rate_per_min} breaths/min`);
  if (s.context) parts.push(s.context);
  if (s.modalities?.length) parts.push(s.modalities.join(', '));
  $('session-meta').textContent = parts.join(' · ');
  $('now-phase').textContent = PHASES[currentPhase(s)] || currentPhase(s) || '–';
  $('mode').textContent = s.ended_ms ? 'Review' : '● Live';
  $('phase-select').value = currentPhase(s) || 'baseline';
}

async function loadHistory(toMs = null) {
  const from = session.started_ms;
  const [estimates, beats] = await Promise.all([
    // no upper bound: a simulator running faster than real time stamps data ahead of the wall clock
    api('GET', `/api/sessions/${sessionId}/estimates?from_ms=${from}${toMs ? `&to_ms=${toMs}` : ''}`),
    api('GET', `/api/sessions/${sessionId}/beats?from_ms=${from}${toMs ? `&to_ms=${toMs}` : ''}`),
  ]);
  const est = listOf(estimates, 'estimates');
  const bts = listOf(beats, 'beats');
  chartFor('rr').setSeries('rr', bts.map(b => [b.t_ms, b.rr_ms]));
  for (const e of est) addEstimate(e);
  if (est.length) showNow(est[est.length - 1]);
}

async function refreshSession() {
  session = await api('GET', `/api/sessions/${sessionId}`);
  markers = session.markers || [];
  describeSession();
  drawBands();
  drawMarkers();
}

function showAlert(a) {
  $('session-alerts').prepend(el('p', { class: 'alert-item', dataset: { kind: a.kind } },
    el('span', { 'aria-hidden': 'true', text: '⚠' }),
    el('span', { text: `${ALERTS[a.kind] || a.kind}${a.text ? `: ${a.text}` : ''} at ${duration(a.t_ms - session.started_ms)}` })));
}

function goLive() {
  $('controls').hidden = false;
  for (const c of charts) c.setOrigin(session.started_ms);
  clock = setInterval(() => {
    const now = Date.now();
    $('now-elapsed').textContent = duration(now - session.started_ms);
    for (const c of charts) c.setEnd(now);
  }, 1000);
  stream = openStream(`/api/sessions/${sessionId}/live`, (type, data) => {
    if (type === 'estimate') { addEstimate(data); showNow(data); }
    else if (type === 'beat') chartFor('rr').append('rr', data.t_ms, data.rr_ms);
    else if (type === 'marker') {
      if (!markers.some(m => m.t_ms === data.t_ms && m.text === data.text)) { markers.push(data); drawMarkers(); }
    } else if (type === 'phase') refreshSession();
    else if (type === 'stim') { $('now-stim').textContent = stimText(data.stim); trackStim(data.t_ms, data.stim?.on === true); }
    else if (type === 'alert') showAlert(data);
    else if (type === 'ended') ended();
  }, status => { if (status !== 'live') $('now-connection').textContent = status === 'reconnecting' ? 'reconnecting…' : 'closed'; });
}

async function ended() {
  stream?.close();
  clearInterval(clock);
  await refreshSession();
  $('controls').hidden = true;
  for (const c of charts) c.setEnd(session.ended_ms);
  if (stimOnSince !== null) trackStim(session.ended_ms, false);
  await showReview();
}

async function showReview() {
  $('review').hidden = false;
  $('now-elapsed').textContent = duration(session.ended_ms - session.started_ms);
  $('now-connection').textContent = 'session ended';
  try {
    const summary = await api('GET', `/api/sessions/${sessionId}/summary`);
    renderSentences($('summary-sentences'), summary);
    renderTable($('summary-table'), summary);
  } catch (e) {
    fill($('summary-sentences'), el('li', { class: 'error', text: `Summary not available: ${e.message}` }));
  }
}

$('marker-form').addEventListener('submit', async event => {
  event.preventDefault();
  const text = $('marker-text').value.trim();
  if (!text) { $('marker-status').textContent = 'Type what happened first.'; return; }
  try {
    const result = await api('POST', `/api/sessions/${sessionId}/markers`, { text });
    const marker = result && result.t_ms ? result : (result?.markers || []).find(m => m.text === text) || { t_ms: Date.now(), text, author: user.username };
    if (!markers.some(m => m.t_ms === marker.t_ms && m.text === marker.text)) markers.push(marker);
    drawMarkers();
    $('marker-text').value = '';
    $('marker-status').textContent = `Marker “${text}” added.`;
  } catch (e) {
    $('marker-status').textContent = `Could not add the marker: ${e.message}`;
  }
});

$('phase-form').addEventListener('submit', async event => {
  event.preventDefault();
  const phase = $('phase-select').value;
  try {
    await api('POST', `/api/sessions/${sessionId}/phase`, { phase });
    await refreshSession();
    $('phase-status').textContent = `Phase is now ${PHASES[phase]}.`;
  } catch (e) {
    $('phase-status').textContent = `Could not change the phase: ${e.message}`;
  }
});

$('end-session').addEventListener('click', async () => {
  if (!confirm('End this session for everyone?')) return;
  try {
    await api('POST', `/api/sessions/${sessionId}/end`, {});
    $('end-status').textContent = 'Session ended.';
    await ended();
  } catch (e) {
    $('end-status').textContent = `Could not end the session: ${e.message}`;
  }
});

for (const button of $('exports').querySelectorAll('button')) {
  button.addEventListener('click', async () => {
    const format = button.dataset.format;
    $('export-status').textContent = 'Preparing the file…';
    try {
      const file = await download(`/api/sessions/${sessionId}/export?format=${format}`, `session-${sessionId}-${format}`);
      $('export-status').textContent = `Downloaded ${file.name} (${file.bytes} bytes).`;
    } catch (e) {
      $('export-status').textContent = `Export failed: ${e.message}`;
    }
  });
}

(async () => {
  if (!sessionId) {
    $('page-error').textContent = 'No session chosen: open one from the ward.';
    return;
  }
  buildCharts();
  try {
    await refreshSession();
    for (const c of charts) { c.setOrigin(session.started_ms); c.setEnd(session.ended_ms || Date.now()); }
    await loadHistory(session.ended_ms);
    if (session.latest) showNow(session.latest);
    if (session.ended_ms) {
      if (stimOnSince !== null) trackStim(session.ended_ms, false);
      await showReview();
    } else {
      goLive();
    }
  } catch (e) {
    $('page-error').textContent = e.status === 404 ? 'This session does not exist or is not one of your patients\u2019.'
      : `Could not load the session: ${e.message}`;
  }
})();
