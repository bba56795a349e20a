package org.equilibrium.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.equilibrium.decode.stim.SimTensTelemetryCodec;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated payloads into every decoder: each call returns Decoded or Rejected and never
 * throws. Mutations of valid payloads reach far deeper into the parsers than uniform noise does.
 */
class DecoderPropertyTest {

    private static final long SEED = 0x5EED_2026L;
    private final DecoderRegistry registry = DecoderRegistry.standard();
    private static final List<byte[]> VALID = List.of(
            Vectors.hex("16 3c 1a 03 e4 04"),
            Vectors.hex("19 2c 01 10 00 00 04 00 02"),
            Vectors.hex("51"),
            Vectors.hex("01 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04"),
            Vectors.utf8("{\"ts\": 1763740800123, \"seq\": 1842, \"bpm\": 61, \"rr_ms\": [983.4, 975.6], \"contact\": true}"),
            Vectors.utf8("{\"ts\": 1763740800123, \"seq\": 77, \"modality\": \"tens\", \"state\": \"running\", \"program\":"
                    + " \"burst\", \"channel\": 1, \"frequency_hz\": 80.0, \"pulse_width_us\": 200, \"current_ua\": 12500,"
                    + " \"electrode_ok\": true, \"impedance_ohm\": 1500, \"battery_pct\": 81, \"remaining_s\": 1200}"),
            Vectors.utf8("{\"online\": true, \"model\": \"polar-h10\", \"fw\": \"5.0.0\", \"battery_pct\": 81,"
                    + " \"claim_code\": \"K7Q2-9XWM\", \"x\": {\"y\": [1, 2.5e3, null]}}"));

    @Test
    void uniformRandomBytesNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[rnd.nextInt(48)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            decodeWithAll(b);
        }
    }

    @Test
    void mutatedValidPayloadsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        byte[] alphabet = Vectors.utf8("{}[]\",:.-+eE0123456789tfnul \\\u00ff");
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] base = VALID.get(rnd.nextInt(VALID.size()));
            byte[] b = mutate(base, rnd, alphabet);
            decoded += decodeWithAll(b);
        }
        // the mutations are mild enough that many payloads still decode: the test exercises both outcomes
        assertThat(decoded).isGreaterThan(500);
    }

    @Test
    void everyFrameOfTheSimTensSpaceDecodesOrRejects() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        SimTensTelemetryCodec codec = new SimTensTelemetryCodec();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[SimTensTelemetryCodec.LENGTH];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            b[0] = 1;
            DecodeResult r = codec.decode(b, 0);
            if (r instanceof DecodeResult.Decoded d) {
                // anything the decoder accepts, the encoder reproduces byte for byte: no information is lost
                StimReading s = (StimReading) d.readings().get(0);
                assertThat(SimTensTelemetryCodec.encode(s)).isEqualTo(b);
            }
        }
    }

    private int decodeWithAll(byte[] b) {
        int decoded = 0;
        for (PayloadDecoder d : registry.all()) {
            DecodeResult r = d.decode(b, 1L);
            assertThat(r).as(d.name()).isNotNull();
            if (r instanceof DecodeResult.Decoded ok) {
                assertThat(ok.readings()).isNotEmpty();
                decoded++;
                if (d.name().equals("json-hr")) {
                    HeartRateReading h = (HeartRateReading) ok.readings().get(0);
                    assertThat(ContractRanges.violation(h)).isEmpty();
                }
            } else {
                DecodeResult.Rejected rej = (DecodeResult.Rejected) r;
                assertThat(rej.reason()).isNotNull();
                assertThat(rej.detail()).isNotBlank();
            }
        }
        return decoded;
    }

    private static byte[] mutate(byte[] base, SplittableRandom rnd, byte[] alphabet) {
        byte[] b = base.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int op = rnd.nextInt(4);
            if (b.length == 0) {
                op = 2;
            }
            switch (op) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = alphabet[rnd.nextInt(alphabet.length)];
                case 2 -> {
                    int at = rnd.nextInt(b.length + 1);
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, at);
                    n[at] = alphabet[rnd.nextInt(alphabet.length)];
                    System.arraycopy(b, at, n, at + 1, b.length - at);
                    b = n;
                }
                default -> {
                    int at = rnd.nextInt(b.length);
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(4));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
            }
        }
        return b;
    }
}
