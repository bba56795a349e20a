#!/usr/bin/env python3
"""Independent reference for the default HRV method (numpy/scipy), used to cross-check the Java code.

usage: python3 src/test/python/hrv_reference.py FILE [START_S WINDOW_S]
Prints time-domain metrics and the Welch band powers exactly as specified in issue 3 / src/docs/hrv.md,
on the raw intervals (no artefact correction), using scipy's CubicSpline (not-a-knot) and numpy's FFT.
"""
import sys
import numpy as np
from scipy.interpolate import CubicSpline
from scipy.signal import get_window

path = sys.argv[1]
start_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
window_s = float(sys.argv[3]) if len(sys.argv) > 3 else 300.0

rr = np.array([float(l) for l in open(path) if l.strip() and not l.lstrip().startswith('#')])
t = np.cumsum(rr)
sel = (t > start_s * 1000) & (t <= (start_s + window_s) * 1000)
rr, t = rr[sel], t[sel]
d = np.diff(rr)
n = len(rr)
out = {
    "beats": n,
    "mean_nn_ms": rr.mean(),
    "sdnn_ms": rr.std(ddof=1),
    "rmssd_ms": np.sqrt(np.mean(d ** 2)),
    "sdsd_ms": d.std(ddof=1),
    "pnn50_pct": 100 * np.sum(np.abs(d) > 50) / n,
    "pnn20_pct": 100 * np.sum(np.abs(d) > 20) / n,
    "sd1_ms": np.std((rr[:-1] - rr[1:]) / np.sqrt(2), ddof=1),
    "sd2_ms": np.std((rr[:-1] + rr[1:]) / np.sqrt(2), ddof=1),
}
fs = 4.0
ts = t / 1000.0
k = np.arange(int(np.floor(fs * (ts[-1] - ts[0]) + 1e-9)) + 1)
grid = ts[0] + k / fs
y = CubicSpline(ts, rr, bc_type="not-a-knot")(grid)
y = y - y.mean()
N = len(y)
L = min(512, N // 2)
K = int(np.ceil((N - L) / (L / 2))) + 1
starts = [int(np.floor(i * (N - L) / (K - 1) + 0.5)) for i in range(K)]
w = get_window("hann", L)  # periodic by default (fftbins=True)
nfft = 2 * L
acc = np.zeros(nfft // 2 + 1)
for s in starts:
    X = np.fft.rfft(y[s:s + L] * w, n=nfft)
    acc += np.abs(X) ** 2
psd = acc / K / (fs * np.sum(w ** 2))
psd[1:-1] *= 2
f = np.arange(nfft // 2 + 1) * fs / nfft


def band(lo, hi):
    m = (f >= lo) & (f < hi)
    return np.trapezoid(psd[m], f[m])


out["vlf_ms2"] = band(0.0033, 0.04)
out["lf_ms2"] = band(0.04, 0.15)
out["hf_ms2"] = band(0.15, 0.40)
m = (f >= 0.15) & (f < 0.40)
out["hf_peak_hz"] = f[m][np.argmax(psd[m])]
m = (f >= 0.04) & (f < 0.15)
out["lf_peak_hz"] = f[m][np.argmax(psd[m])]
for key, v in out.items():
    print(f"{key} {float(v):.6f}")
