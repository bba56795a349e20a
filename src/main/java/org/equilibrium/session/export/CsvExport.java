package org.equilibrium.session.export;

import org.equilibrium.session.RecordedBeat;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.autonomic.WindowMetrics;

import java.util.List;

/**
 * CSV exports (RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted only when they hold a
 * comma, quote or line break). Times are ISO-8601 UTC with milliseconds plus the same instant in Unix epoch ms.
 * Values not available are empty fields.
 */
public final class CsvExport {
    static final String CRLF = "\r\n";
    public static final String BEATS_HEADER = "time_utc,epoch_ms,device,rr_ms";
    public static final String SERIES_HEADER = "time_utc,epoch_ms,phase,state,held_state,quality,confidence,"
            + "balance_z,balance_score,basis,relative_z,population_z,mean_hr_bpm,rmssd_ms,sdnn_ms,hf_ms2,lf_hf,"
            + "coherence,resp_rate_bpm,pns_index,sns_index,coverage,artefact_fraction,beats,contact,"
            + "stim_on,stim_modality,stim_current_ua,stim_program";

    private CsvExport() {
    }

    /** Raw beats, one row each, in the order given; the time is the end of the interval. */
    public static String beats(List<RecordedBeat> beats) {
        StringBuilder out = new StringBuilder(BEATS_HEADER).append(CRLF);
        for (RecordedBeat b : beats) {
            out.append(ExportFormat.isoUtc(b.beatEndMs())).append(',')
                    .append(b.beatEndMs()).append(',')
                    .append(field(b.device().value())).append(',')
                    .append(ExportFormat.exact(b.rrMs())).append(CRLF);
        }
        return out.toString();
    }

    /** The derived series: one row per 5-s estimate, in the order given. */
    public static String series(List<AutonomicEstimate> estimates) {
        StringBuilder out = new StringBuilder(SERIES_HEADER).append(CRLF);
        for (AutonomicEstimate e : estimates) {
            WindowMetrics m = e.metrics();
            StimulationContext s = e.stimulation();
            String[] f = {
                    ExportFormat.isoUtc(e.windowEndMs()),
                    Long.toString(e.windowEndMs()),
                    e.phase() == null ? "" : e.phase().wireName(),
                    e.state().wireName(),
                    e.heldState().wireName(),
                    e.quality().wireName(),
                    ExportFormat.plain(e.confidence(), 3),
                    ExportFormat.plain(e.balanceZ(), 3),
                    ExportFormat.plain(e.balanceScore(), 3),
                    e.basis().wireName(),
                    ExportFormat.plain(e.relativeZ(), 3),
                    ExportFormat.plain(e.populationZ(), 3),
                    ExportFormat.plain(m.meanHrBpm(), 2),
                    ExportFormat.plain(m.rmssdMs(), 2),
                    ExportFormat.plain(m.sdnnMs(), 2),
                    ExportFormat.plain(m.hfMs2(), 1),
                    ExportFormat.plain(m.lfHf(), 3),
                    ExportFormat.plain(m.coherence(), 3),
                    ExportFormat.plain(m.respRateBpm(), 2),
                    ExportFormat.plain(m.pnsIndex(), 3),
                    ExportFormat.plain(m.snsIndex(), 3),
                    ExportFormat.plain(m.coverage(), 3),
                    ExportFormat.plain(m.artefactFraction(), 3),
                    Integer.toString(m.beats()),
                    m.contactOk() == null ? "" : m.contactOk().toString(),
                    Boolean.toString(s.on()),
                    s.modality() == null ? "" : s.modality().wireName(),
                    ExportFormat.plain(s.currentMicroamps(), 1),
                    s.program() == null ? "" : s.program(),
            };
            for (int i = 0; i < f.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(f[i]));
            }
            out.append(CRLF);
        }
        return out.toString();
    }

    /** RFC 4180 §2: quote a field holding a comma, quote or line break; double the quotes inside. */
    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
