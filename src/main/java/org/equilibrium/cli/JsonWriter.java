package org.equilibrium.cli;

import java.util.List;
import org.equilibrium.sim.wire.JsonText;

/** A minimal JSON object writer: keys in insertion order, numbers finite or null, strings escaped. */
final class JsonWriter {
    private final StringBuilder sb = new StringBuilder();
    private final String indent;
    private boolean first = true;

    JsonWriter(String indent) {
        this.indent = indent;
        sb.append('{');
    }

    JsonWriter number(String key, Number value) {
        key(key);
        if (value == null || (value instanceof Double d && !Double.isFinite(d))) {
            sb.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            sb.append(format(value.doubleValue()));
        } else {
            sb.append(value);
        }
        return this;
    }

    JsonWriter string(String key, String value) {
        key(key);
        if (value == null) {
            sb.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonWriter strings(String key, List<String> values) {
        key(key);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            quote(values.get(i));
        }
        sb.append(']');
        return this;
    }

    JsonWriter object(String key, JsonWriter inner) {
        key(key);
        sb.append(inner.toString());
        return this;
    }

    private void key(String key) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        sb.append(indent.isEmpty() ? "" : "\n" + indent);
        quote(key);
        sb.append(indent.isEmpty() ? ":" : ": ");
    }

    private void quote(String s) {
        JsonText.string(sb, s);
    }

    /** Up to 6 significant decimals, no exponent for ordinary magnitudes, no trailing zeros. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(7));
        return bd.stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return sb + (indent.isEmpty() || first ? "" : "\n" + indent.substring(Math.min(2, indent.length()))) + "}";
    }
}
