// The session summary: plain sentences and a per-phase table (GET /api/sessions/{id}/summary).
import { el, fill, num, PHASES } from './format.js';

function phasesOf(summary) {
  if (Array.isArray(summary)) return summary;
  return summary.phases || summary.per_phase || [];
}

function minutes(s) {
  return typeof s === 'number' ? `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}` : '–';
}

export function renderSentences(list, summary) {
  const sentences = summary.sentences || [];
  fill(list, ...(sentences.length ? sentences.map(s => el('li', { text: s }))
    : [el('li', { text: 'No summary could be made: too few clean beats were recorded.' })]));
}

/** Full table for therapists; compact=true keeps the figures a patient cares about. */
export function renderTable(table, summary, { compact = false } = {}) {
  const rows = phasesOf(summary);
  const cols = compact
    ? [['Duration', p => minutes(p.duration_s)], ['Mean HR (bpm)', p => num(p.mean_hr_bpm)],
       ['Time calm', p => minutes(p.time_in_state_s?.parasympathetic)]]
    : [['Duration', p => minutes(p.duration_s)], ['Mean HR (bpm)', p => num(p.mean_hr_bpm)],
       ['RMSSD (ms)', p => num(p.rmssd_ms, 1)], ['HF (ms²)', p => num(p.hf_ms2)], ['LF/HF', p => num(p.lf_hf, 2)],
       ['PNS index', p => num(p.pns_index, 2)], ['SNS index', p => num(p.sns_index, 2)],
       ['Coherence', p => num(p.coherence, 2)],
       ['Calm', p => minutes(p.time_in_state_s?.parasympathetic)],
       ['Balanced', p => minutes(p.time_in_state_s?.balanced)],
       ['Activated', p => minutes(p.time_in_state_s?.sympathetic)],
       ['No reading', p => minutes(p.time_in_state_s?.unknown)],
       ['Stim dose (mA·min)', p => num(p.stim_dose_ma_min, 1)], ['Stim on', p => minutes(p.stim_on_s)],
       ['Artefacts (%)', p => num(p.artefact_pct, 1)], ['Coverage (%)', p => num(p.coverage_pct, 0)],
       ['Beats', p => num(p.beats)]];
  if (!rows.length) {
    fill(table);
    return;
  }
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Phase' }),
    ...cols.map(([label]) => el('th', { scope: 'col', text: label }))));
  const body = el('tbody', {}, ...rows.map(p => el('tr', {},
    el('th', { scope: 'row', text: PHASES[p.phase] || p.phase }),
    ...cols.map(([, f]) => el('td', { text: f(p) })))));
  fill(table, el('caption', { class: 'visually-hidden', text: 'Session figures per phase' }), head, body);
}
