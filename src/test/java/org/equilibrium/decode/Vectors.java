package org.equilibrium.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test helpers: hex and JSON payloads, and unwrapping results. */
public final class Vectors {
    private Vectors() {
    }

    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    public static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The single reading of a Decoded result, of the expected type. */
    public static <T extends Reading> T single(DecodeResult r, Class<T> type) {
        assertThat(r).as("result").isInstanceOf(DecodeResult.Decoded.class);
        var readings = ((DecodeResult.Decoded) r).readings();
        assertThat(readings).hasSize(1);
        assertThat(readings.get(0)).isInstanceOf(type);
        return type.cast(readings.get(0));
    }

    public static RejectReason reason(DecodeResult r) {
        assertThat(r).as("result").isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) r).reason();
    }
}
