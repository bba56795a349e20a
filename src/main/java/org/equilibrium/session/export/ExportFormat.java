package org.equilibrium.session.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting shared by the exports: UTC timestamps with milliseconds, decimals without float noise. */
final class ExportFormat {
    /** Always three fraction digits, so lines line up and parsers need not guess (Instant.toString drops them). */
    private static final DateTimeFormatter ISO_UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Thread-safe once built; holds no per-call state. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ExportFormat() {
    }

    static String isoUtc(long epochMs) {
        return ISO_UTC_MILLIS.format(Instant.ofEpochMilli(epochMs));
    }

    /** {@code v} rounded half-up to {@code scale} decimals, trailing zeros dropped; null for NaN. */
    static BigDecimal decimal(double v, int scale) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? BigDecimal.ZERO : d;
    }

    /** Plain text of {@link #decimal}, empty for NaN. */
    static String plain(double v, int scale) {
        BigDecimal d = decimal(v, scale);
        return d == null ? "" : d.toPlainString();
    }

    /** The exact decimal of a raw value (no rounding: raw data stays raw). */
    static String exact(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static String json(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /** Writes {@code name: value} rounded, or {@code name: null} for NaN. */
    static void number(JsonGenerator g, String name, double v, int scale) throws IOException {
        BigDecimal d = decimal(v, scale);
        if (d == null) {
            g.writeNullField(name);
        } else {
            g.writeFieldName(name);
            g.writeNumber(d);
        }
    }

    static void stringOrNull(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }
}
