// A small canvas time-series chart for live physiological data: a few line series on one or two
// y axes, shaded bands (session phases, stimulation periods) and vertical markers. Redraws at most
// once per animation frame, so appending a beat at a time stays cheap.
//
// Why not uPlot: its WebJar (org.webjars.npm:uplot) does not resolve from Maven Central here and the
// build may download nothing else (src/docs/web.md).

const PAD = { left: 46, right: 46, top: 16, bottom: 22 };

function niceStep(span, target) {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return nice * mag;
}

function extent(values, fixed) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (fixed) {
    if (fixed.min !== undefined) lo = Math.min(lo, fixed.min);
    if (fixed.max !== undefined) hi = Math.max(hi, fixed.max);
  }
  if (!Number.isFinite(lo)) return null;
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.08;
  return [fixed?.min ?? lo - pad, fixed?.max ?? hi + pad];
}

function mmss(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class TimeChart {
  /**
   * @param canvas  the canvas element (sized by CSS)
   * @param options {series: [{key, label, color, dash, axis: 'left'|'right', unit, dots}],
   *                 left: {min?, max?}, right: {min?, max?}, describe: (chart) => string}
   */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.options = options;
    this.data = Object.fromEntries(options.series.map(s => [s.key, []]));
    this.bands = [];
    this.markers = [];
    this.originMs = null;
    this.endMs = null;
    this.pending = false;
    new ResizeObserver(() => this.redraw()).observe(canvas);
  }

  setOrigin(startMs) { this.originMs = startMs; this.redraw(); }

  /** The right edge of the time axis (session end, or now for a live session). */
  setEnd(endMs) { this.endMs = endMs; this.redraw(); }

  setSeries(key, points) { this.data[key] = points.slice(); this.redraw(); }

  append(key, t, v) {
    const arr = this.data[key];
    if (arr.length && arr[arr.length - 1][0] > t) { // out of order: keep the array sorted
      arr.push([t, v]);
      arr.sort((a, b) => a[0] - b[0]);
    } else {
      arr.push([t, v]);
    }
    this.redraw();
  }

  /** bands: [{from, to, fill, hatch, label}] */
  setBands(bands) { this.bands = bands; this.redraw(); }

  /** markers: [{t, text}] */
  setMarkers(markers) { this.markers = markers; this.redraw(); }

  redraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  timeRange() {
    let lo = this.originMs ?? Infinity;
    let hi = this.endMs ?? -Infinity;
    for (const pts of Object.values(this.data)) {
      if (pts.length) {
        lo = Math.min(lo, pts[0][0]);
        hi = Math.max(hi, pts[pts.length - 1][0]);
      }
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return null;
    return [lo, hi];
  }

  draw() {
    const canvas = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (!w || !h) return;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = '11px system-ui, sans-serif';

    const range = this.timeRange();
    const plotW = w - PAD.left - PAD.right;
    const plotH = h - PAD.top - PAD.bottom;
    ctx.strokeStyle = '#d9dee5';
    ctx.strokeRect(PAD.left, PAD.top, plotW, plotH);
    if (!range) {
      ctx.fillStyle = '#5b6675';
      ctx.textAlign = 'center';
      ctx.fillText('waiting for data…', PAD.left + plotW / 2, PAD.top + plotH / 2);
      this.describe();
      return;
    }
    const [t0, t1] = range;
    const origin = this.originMs ?? t0;
    const x = t => PAD.left + ((t - t0) / (t1 - t0)) * plotW;

    // bands first, under everything
    for (const b of this.bands) {
      const from = Math.max(t0, b.from);
      const to = Math.min(t1, b.to ?? t1);
      if (to <= from) continue;
      const x0 = x(from);
      const x1 = x(to);
      if (b.hatch) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, PAD.top, x1 - x0, plotH);
        ctx.clip();
        ctx.strokeStyle = b.hatch;
        ctx.lineWidth = 1;
        for (let k = x0 - plotH; k < x1; k += 7) {
          ctx.beginPath();
          ctx.moveTo(k, PAD.top + plotH);
          ctx.lineTo(k + plotH, PAD.top);
          ctx.stroke();
        }
        ctx.restore();
      } else {
        ctx.fillStyle = b.fill;
        ctx.fillRect(x0, PAD.top, x1 - x0, plotH);
      }
      if (b.label && x1 - x0 > 40) {
        ctx.fillStyle = '#5b6675';
        ctx.textAlign = 'left';
        ctx.fillText(b.label, x0 + 4, PAD.top + 11);
      }
    }

    // x ticks: minutes into the session
    const step = niceStep((t1 - t0) / 1000, Math.max(2, Math.floor(plotW / 90))) * 1000;
    const stepMs = Math.max(step, 1000);
    ctx.fillStyle = '#5b6675';
    ctx.textAlign = 'center';
    ctx.strokeStyle = '#eef0f3';
    for (let t = origin + Math.ceil((t0 - origin) / stepMs) * stepMs; t <= t1; t += stepMs) {
      const px = x(t);
      ctx.beginPath();
      ctx.moveTo(px, PAD.top);
      ctx.lineTo(px, PAD.top + plotH);
      ctx.stroke();
      ctx.fillText(mmss(t - origin), px, h - 6);
    }

    // y axes
    for (const side of ['left', 'right']) {
      const series = this.options.series.filter(s => (s.axis || 'left') === side);
      if (!series.length) continue;
      const values = [];
      for (const s of series) for (const p of this.data[s.key]) if (p[0] >= t0 && p[0] <= t1) values.push(p[1]);
      const ext = extent(values, this.options[side]);
      if (!ext) continue;
      const [lo, hi] = ext;
      const y = v => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
      const ystep = niceStep(hi - lo, Math.max(2, Math.floor(plotH / 40)));
      ctx.fillStyle = series.length === 1 || side === 'left' ? '#5b6675' : series[0].color;
      ctx.textAlign = side === 'left' ? 'right' : 'left';
      for (let v = Math.ceil(lo / ystep) * ystep; v <= hi; v += ystep) {
        const py = y(v);
        if (side === 'left') {
          ctx.strokeStyle = '#eef0f3';
          ctx.beginPath();
          ctx.moveTo(PAD.left, py);
          ctx.lineTo(PAD.left + plotW, py);
          ctx.stroke();
        }
        const label = Math.abs(ystep) < 1 ? v.toFixed(ystep < 0.1 ? 2 : 1) : String(Math.round(v));
        ctx.fillText(label, side === 'left' ? PAD.left - 5 : PAD.left + plotW + 5, py + 4);
      }
      for (const s of series) {
        const pts = this.data[s.key];
        ctx.strokeStyle = s.color;
        ctx.fillStyle = s.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(s.dash ? [6, 4] : []);
        if (s.dots) {
          for (const [t, v] of pts) {
            if (t < t0 || !Number.isFinite(v)) continue;
            ctx.fillRect(x(t) - 1.5, y(v) - 1.5, 3, 3);
          }
        }
        ctx.beginPath();
        let pen = false;
        let prevT = null;
        for (const [t, v] of pts) {
          // a gap in the data (a missing value, or no point for 3 expected intervals) breaks the line
          if (prevT !== null && s.maxGapMs && t - prevT > s.maxGapMs) pen = false;
          prevT = t;
          if (!Number.isFinite(v) || t < t0) { pen = false; continue; }
          if (pen) ctx.lineTo(x(t), y(v)); else ctx.moveTo(x(t), y(v));
          pen = true;
        }
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }

    // markers on top
    for (const m of this.markers) {
      if (m.t < t0 || m.t > t1) continue;
      const px = x(m.t);
      ctx.strokeStyle = '#1f2933';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(px, PAD.top);
      ctx.lineTo(px, PAD.top + plotH);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#1f2933';
      ctx.beginPath();
      ctx.moveTo(px - 5, PAD.top);
      ctx.lineTo(px + 5, PAD.top);
      ctx.lineTo(px, PAD.top + 7);
      ctx.fill();
      if (m.text) {
        ctx.textAlign = px > PAD.left + plotW - 80 ? 'right' : 'left';
        ctx.fillText(m.text.length > 24 ? m.text.slice(0, 23) + '…' : m.text, px + (ctx.textAlign === 'left' ? 6 : -6), PAD.top + plotH - 6);
      }
    }
    ctx.lineWidth = 1;
    this.describe();
  }

  /** Keeps the canvas's accessible name current: the latest value of each series. */
  describe() {
    const parts = this.options.series.map(s => {
      const pts = this.data[s.key];
      const last = pts.length ? pts[pts.length - 1][1] : null;
      return `${s.label}: ${Number.isFinite(last) ? `${last.toFixed(s.digits ?? 0)}${s.unit ? ' ' + s.unit : ''}` : 'no data'}`;
    });
    this.canvas.setAttribute('aria-label', `${this.options.title}. Latest ${parts.join(', ')}. ${this.markers.length} markers.`);
  }
}
