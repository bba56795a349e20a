package org.equilibrium.decode.gatt;

import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.RejectReason;

/**
 * Heart Rate Measurement characteristic 0x2A37 ({@value #NAME}), as defined by the Bluetooth SIG Heart
 * Rate Service 1.0 ("Heart Rate Measurement" characteristic) and the GATT Specification Supplement
 * (section "Heart Rate Measurement"; numbered 3.106 or later depending on the edition):
 *
 * <pre>
 * flags    u8   bit 0    heart-rate value format: 0 = uint8, 1 = uint16
 *               bits 1-2 sensor contact: 0b00/0b01 = not supported, 0b10 = supported, not detected,
 *                        0b11 = supported and detected (bit 2 = supported, bit 1 = detected)
 *               bit 3    energy expended present (uint16, kilojoules)
 *               bit 4    RR intervals present (uint16 each, unit 1/1024 s)
 *               bits 5-7 reserved for future use: ignored, as the Core Specification asks of receivers
 * hr       u8 or u16 LE, beats per minute
 * ee       u16 LE, kJ (when bit 3)
 * rr...    u16 LE each, oldest first (when bit 4), as many as the rest of the value holds
 * </pre>
 *
 * <p>The timestamp is the arrival time and {@code seq} is null: the value carries neither. A value that
 * ends inside a field, an odd number of RR bytes, or bytes after the last field when no RR intervals
 * are flagged is {@link RejectReason#MALFORMED_BINARY}.
 *
 * <p>Values are kept as the sensor reports them: a heart rate of 0 (some straps send it while
 * searching), an RR of 0 or 65535/1024 s are not refused here, because they are well-formed; ingest
 * applies the physiological ranges of the wire contract with {@link org.equilibrium.decode.ContractRanges}
 * to both the JSON and the binary path, so the two agree on what is {@code OUT_OF_RANGE}.
 */
public final class HeartRateMeasurementDecoder implements PayloadDecoder {

    public static final String NAME = "ble-hrm-2a37";

    private static final int FLAG_HR_UINT16 = 0x01;
    private static final int FLAG_CONTACT_DETECTED = 0x02;
    private static final int FLAG_CONTACT_SUPPORTED = 0x04;
    private static final int FLAG_ENERGY = 0x08;
    private static final int FLAG_RR = 0x10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DecodeResult decode(byte[] payload, long arrivalMs) {
        if (payload == null || payload.length == 0) {
            return DecodeResult.reject(RejectReason.MALFORMED_BINARY, "0x2A37: empty value");
        }
        int flags = payload[0] & 0xFF;
        int pos = 1;
        int bpm;
        if ((flags & FLAG_HR_UINT16) != 0) {
            if (payload.length < pos + 2) {
                return truncated("uint16 heart rate", payload.length);
            }
            bpm = u16(payload, pos);
            pos += 2;
        } else {
            if (payload.length < pos + 1) {
                return truncated("uint8 heart rate", payload.length);
            }
            bpm = payload[pos] & 0xFF;
            pos += 1;
        }
        Integer energyKj = null;
        if ((flags & FLAG_ENERGY) != 0) {
            if (payload.length < pos + 2) {
                return truncated("energy expended", payload.length);
            }
            energyKj = u16(payload, pos);
            pos += 2;
        }
        double[] rrMs;
        int rest = payload.length - pos;
        if ((flags & FLAG_RR) != 0) {
            if (rest % 2 != 0) {
                return DecodeResult.reject(RejectReason.MALFORMED_BINARY,
                        "0x2A37: RR field has an odd number of bytes (" + rest + ")");
            }
            rrMs = new double[rest / 2];
            for (int i = 0; i < rrMs.length; i++) {
                rrMs[i] = u16(payload, pos + 2 * i) * 1000.0 / 1024.0;
            }
        } else {
            if (rest != 0) {
                return DecodeResult.reject(RejectReason.MALFORMED_BINARY,
                        "0x2A37: " + rest + " trailing byte(s) after the last flagged field (flags 0x"
                                + Integer.toHexString(flags) + ")");
            }
            rrMs = new double[0];
        }
        Boolean contact = (flags & FLAG_CONTACT_SUPPORTED) == 0 ? null : (flags & FLAG_CONTACT_DETECTED) != 0;
        return DecodeResult.of(new HeartRateReading(arrivalMs, null, bpm, rrMs, contact, energyKj));
    }

    private static DecodeResult truncated(String field, int length) {
        return DecodeResult.reject(RejectReason.MALFORMED_BINARY,
                "0x2A37: value ends inside the " + field + " field (" + length + " bytes)");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }
}
