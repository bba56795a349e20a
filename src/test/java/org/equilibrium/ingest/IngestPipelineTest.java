package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestPipelineTest {
    private static final DeviceId DEV = new DeviceId("strap-1");
    private static final long ARRIVAL = 1_763_740_900_000L;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestStats stats = new IngestStats();
    private final IngestListeners listeners = new IngestListeners();
    private final List<String> events = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    private IngestPipeline pipeline(IngestLimits limits) {
        listeners.addBeatListener(new BeatListener() {
            @Override
            public void onBeat(DeviceId device, long beatEndMs, double rrMs) {
                events.add("beat " + device + " " + beatEndMs + " " + rrMs);
            }

            @Override
            public void onGap(DeviceId device, long fromMs, long toMs, String cause) {
                events.add("gap " + device + " " + fromMs + ".." + toMs + " " + cause);
            }
        });
        listeners.addStimListener((d, s) -> events.add("stim " + d + " " + s.state()));
        listeners.addStatusListener(new StatusListener() {
            @Override
            public void onStatus(DeviceId device, StatusReading reading) {
                events.add("status " + device + " " + reading.online());
            }

            @Override
            public void onBattery(DeviceId device, long timestampMs, int batteryPct) {
                events.add("battery " + device + " " + batteryPct);
            }
        });
        return new IngestPipeline(limits, new TopicParser("", limits.maxTopicLength()),
                new ContractStreamDecoders(DecoderRegistry.standard()), stats,
                new IngestMetrics(meters, limits.maxDeviceTags()), new RejectLog(60_000, 100),
                (d, stream, t) -> seen.add(d + " " + stream), listeners);
    }

    private final IngestPipeline pipeline = pipeline(IngestLimits.defaults());

    private List<Sample> json(String device, String stream, String payload) {
        return pipeline.process("biofeedback/v1/" + device + "/" + stream, payload.getBytes(StandardCharsets.UTF_8),
                ARRIVAL, null);
    }

    private double rejects(String device, RejectReason reason) {
        var c = meters.find("equilibrium.ingest.rejects").tag("device", device).tag("reason", reason.tag())
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void storesHeartRateAndOneRrPointPerBeatAtItsBeatTime() {
        List<Sample> out = json("strap-1", "hr", "{\"ts\":10000,\"seq\":1,\"bpm\":60,\"rr_ms\":[1000,999.5],\"contact\":true}");
        assertThat(out).containsExactly(new Sample.HeartRate(DEV, 10_000, 60, true, 1L),
                // 10000 - 999.5 = 9000.5 ms, rounded half up to the millisecond
                new Sample.RrInterval(DEV, 9_001, 1000), new Sample.RrInterval(DEV, 10_000, 999.5));
        assertThat(events).containsExactly("beat strap-1 9001 1000.0", "beat strap-1 10000 999.5");
        assertThat(seen).containsExactly("strap-1 hr");
        DeviceStats.Snapshot s = stats.snapshot().get("strap-1");
        assertThat(s.messages()).isEqualTo(1);
        assertThat(s.beats()).isEqualTo(2);
        assertThat(meters.get("equilibrium.ingest.beats").counter().count()).isEqualTo(2);
        assertThat(meters.get("equilibrium.ingest.messages").tag("stream", "hr").counter().count()).isEqualTo(1);
    }

    @Test
    void duplicateSeqIsCountedAndNotStoredNorPassedOn() {
        String msg = "{\"ts\":10000,\"seq\":7,\"bpm\":60,\"rr_ms\":[1000]}";
        assertThat(json("strap-1", "hr", msg)).hasSize(2);
        assertThat(json("strap-1", "hr", msg)).isEmpty();
        assertThat(events).hasSize(1);
        assertThat(stats.snapshot().get("strap-1").duplicates()).isEqualTo(1);
        assertThat(meters.get("equilibrium.ingest.duplicates").counter().count()).isEqualTo(1);
        assertThat(rejects("strap-1", RejectReason.DUPLICATE)).isZero();
    }

    @Test
    void lostMessagesAreCountedAndTheMissingBeatsReportedAsAGap() {
        json("strap-1", "hr", "{\"ts\":10000,\"seq\":1,\"bpm\":60,\"rr_ms\":[1000]}");
        json("strap-1", "hr", "{\"ts\":13000,\"seq\":4,\"bpm\":60,\"rr_ms\":[1000]}");
        assertThat(stats.snapshot().get("strap-1").lost()).isEqualTo(2);
        assertThat(stats.snapshot().get("strap-1").gaps()).isEqualTo(1);
        assertThat(events).containsExactly("beat strap-1 10000 1000.0", "gap strap-1 10000..12000 lost-messages",
                "beat strap-1 13000 1000.0");
    }

    @Test
    void deviceRestartIsANewEpochWithAGapNotBillionsLost() {
        json("strap-1", "hr", "{\"ts\":10000,\"seq\":90000,\"bpm\":60,\"rr_ms\":[1000]}");
        json("strap-1", "hr", "{\"ts\":60000,\"seq\":0,\"bpm\":60,\"rr_ms\":[1000]}");
        DeviceStats.Snapshot s = stats.snapshot().get("strap-1");
        assertThat(s.lost()).isZero();
        assertThat(s.epochs()).isEqualTo(1);
        assertThat(events).contains("gap strap-1 10000..59000 device-restart");
    }

    @Test
    void rawHeartRateMeasurementIsTimedByArrivalAndItsRrRebuilt() {
        // flags 0x10: uint8 HR, RR present; HR 60; RR 1024/1024 s = 1000 ms, 512/1024 s = 500 ms
        byte[] value = {0x10, 60, 0x00, 0x04, 0x00, 0x02};
        List<Sample> out = pipeline.process("biofeedback/v1/strap-1/gatt/2a37", value, ARRIVAL, null);
        assertThat(out).containsExactly(new Sample.HeartRate(DEV, ARRIVAL, 60, null, null),
                new Sample.RrInterval(DEV, ARRIVAL - 500, 1000), new Sample.RrInterval(DEV, ARRIVAL, 500));
    }

    @Test
    void gatewayTimestampOverridesArrivalForRawFrames() {
        byte[] value = {0x10, 60, 0x00, 0x04};
        List<Sample> out = pipeline.process("biofeedback/v1/strap-1/gatt/00002A37-0000-1000-8000-00805f9b34fb",
                value, ARRIVAL, 5_000L);
        assertThat(out).containsExactly(new Sample.HeartRate(DEV, 5_000, 60, null, null),
                new Sample.RrInterval(DEV, 5_000, 1000));
    }

    @Test
    void bleRrOutsideTheContractRangeIsRejectedLikeJson() {
        byte[] value = {0x10, 60, 100, 0x00}; // RR 100/1024 s = 97.7 ms
        List<Sample> out = pipeline.process("biofeedback/v1/strap-1/gatt/2a37", value, ARRIVAL, null);
        assertThat(out).containsExactly(new Sample.Reject(DEV, ARRIVAL, RejectReason.OUT_OF_RANGE, "gatt/2a37"));
        assertThat(rejects("strap-1", RejectReason.OUT_OF_RANGE)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json            | strap-1 | hr               | {ts:1                                  | NOT_JSON",
            "wrong type          | strap-1 | hr               | {\"ts\":\"x\",\"bpm\":60}              | WRONG_TYPE",
            "missing bpm         | strap-1 | hr               | {\"ts\":1000}                          | MISSING_FIELD",
            "bpm out of range    | strap-1 | hr               | {\"ts\":1000,\"bpm\":300}              | OUT_OF_RANGE",
            "rr out of range     | strap-1 | hr               | {\"ts\":1000,\"bpm\":60,\"rr_ms\":[150]} | OUT_OF_RANGE",
            "unknown stream      | strap-1 | temperature      | {}                                     | UNKNOWN_STREAM",
            "unknown gatt char.  | strap-1 | gatt/2a38        | {}                                     | UNKNOWN_STREAM",
            "stim bad state      | strap-1 | stim             | {\"ts\":1,\"modality\":\"tens\",\"state\":\"on\"} | OUT_OF_RANGE",
    })
    void rejectsBadInputCountsItAndStoresOnlyTheReject(String name, String device, String stream, String payload,
                                                       RejectReason reason) {
        List<Sample> out = json(device, stream, payload);
        assertThat(out).hasSize(1);
        Sample.Reject r = (Sample.Reject) out.get(0);
        assertThat(r.reason()).as(name).isIn(reason, RejectReason.WRONG_TYPE);
        assertThat(r.device()).isEqualTo(new DeviceId(device));
        assertThat(r.timestampMs()).isEqualTo(ARRIVAL);
        assertThat(rejects(device, r.reason())).isEqualTo(1);
        assertThat(stats.snapshot().get(device).rejects()).containsEntry(r.reason(), 1L);
        assertThat(events).isEmpty();
        // valid traffic right after is intact
        assertThat(json(device, "hr", "{\"ts\":20000,\"bpm\":61}")).containsExactly(
                new Sample.HeartRate(new DeviceId(device), 20_000, 61, null, null));
    }

    @Test
    void badDeviceIdIsRejectedUnderTheInvalidTag() {
        List<Sample> out = json("bad!id", "hr", "{\"ts\":1000,\"bpm\":60}");
        assertThat(out).containsExactly(new Sample.Reject(null, ARRIVAL, RejectReason.BAD_DEVICE_ID, "hr"));
        assertThat(rejects("invalid", RejectReason.BAD_DEVICE_ID)).isEqualTo(1);
        assertThat(stats.invalid().snapshot().rejects()).containsEntry(RejectReason.BAD_DEVICE_ID, 1L);
        assertThat(stats.snapshot()).doesNotContainKey("bad!id");
    }

    @Test
    void oversizedPayloadsAndTooManyRrAreRejectedBeforeUse() {
        IngestLimits small = new IngestLimits(64, 256, 3, 200, 3000, 20, 250, 100_000, 8, 100, 250, 100, 60_000);
        IngestPipeline p = pipeline(small);
        byte[] big = ("{\"ts\":1000,\"bpm\":60,\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(p.process("biofeedback/v1/strap-1/hr", big, ARRIVAL, null))
                .containsExactly(new Sample.Reject(DEV, ARRIVAL, RejectReason.OVERSIZED, "hr"));
        byte[] fourRr = "{\"ts\":9000,\"bpm\":60,\"rr_ms\":[900,900,900,900]}".getBytes(StandardCharsets.UTF_8);
        assertThat(p.process("biofeedback/v1/strap-1/hr", fourRr, ARRIVAL, null))
                .containsExactly(new Sample.Reject(DEV, ARRIVAL, RejectReason.OVERSIZED, "hr"));
        assertThat(rejects("strap-1", RejectReason.OVERSIZED)).isEqualTo(2);
    }

    @Test
    void informationalStreamsAreNeitherStoredNorRejected() {
        assertThat(json("tens-1", "cmd", "{\"id\":\"c1\",\"op\":\"stop\"}")).isEmpty();
        assertThat(json("tens-1", "cmd/ack", "{\"id\":\"c1\",\"ok\":true}")).isEmpty();
        assertThat(json("tens-1", "truth", "anything")).isEmpty();
        assertThat(stats.snapshot().get("tens-1").rejects()).isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void stimStatusAndBatteryBecomeSamplesAndReachListeners() {
        List<Sample> stim = json("tens-1", "stim", "{\"ts\":5000,\"seq\":1,\"modality\":\"tens\",\"state\":\"running\","
                + "\"frequency_hz\":80,\"pulse_width_us\":200,\"current_ua\":12500}");
        assertThat(stim).hasSize(1);
        StimReading r = ((Sample.Stim) stim.get(0)).reading();
        assertThat(r.currentMicroamps()).isEqualTo(12_500.0);
        List<Sample> status = json("tens-1", "status", "{\"online\":true,\"model\":\"equilibrium-sim-tens\","
                + "\"fw\":\"1.0\",\"battery_pct\":81,\"claim_code\":\"K7Q2-9XWM\"}");
        assertThat(((Sample.Status) status.get(0)).reading().claimCode()).isEqualTo("K7Q2-9XWM");
        List<Sample> battery = pipeline.process("biofeedback/v1/strap-1/gatt/2a19", new byte[] {77}, ARRIVAL, null);
        assertThat(battery).containsExactly(new Sample.Battery(DEV, ARRIVAL, 77));
        assertThat(events).containsExactly("stim tens-1 RUNNING", "status tens-1 true", "battery strap-1 77");
    }

    @Test
    void rejectMetricDeviceTagsAreCapped() {
        IngestLimits twoTags = new IngestLimits(16_384, 256, 64, 200, 3000, 20, 250, 100_000, 8, 100, 250, 2,
                60_000);
        IngestPipeline p = pipeline(twoTags);
        for (String d : List.of("a", "b", "c", "d")) {
            p.process("biofeedback/v1/" + d + "/hr", "x".getBytes(StandardCharsets.UTF_8), ARRIVAL, null);
        }
        assertThat(rejects("a", RejectReason.NOT_JSON)).isEqualTo(1);
        assertThat(rejects("b", RejectReason.NOT_JSON)).isEqualTo(1);
        assertThat(rejects("other", RejectReason.NOT_JSON)).isEqualTo(2);
        assertThat(meters.find("equilibrium.ingest.rejects").tag("device", "c").counter()).isNull();
    }

    @Test
    void gatewayMessagesGoToTheGatewayListenersAndAreNeitherDevicesNorRejects() {
        List<String> gw = new ArrayList<>();
        listeners.addGatewayListener((id, stream, payload, at) ->
                gw.add(id + " " + stream + " " + new String(payload, StandardCharsets.UTF_8) + " " + at));
        assertThat(json("gateway", "home-pi/scan", "{\"ts\":1,\"devices\":[]}")).isEmpty();
        assertThat(json("gateway", "home-pi/status", "{\"online\":false}")).isEmpty();
        assertThat(json("gateway", "home-pi/cmd/ack", "{\"id\":\"r1\",\"ok\":true}")).isEmpty();
        assertThat(gw).containsExactly("home-pi scan {\"ts\":1,\"devices\":[]} " + ARRIVAL,
                "home-pi status {\"online\":false} " + ARRIVAL, "home-pi cmd/ack {\"id\":\"r1\",\"ok\":true} " + ARRIVAL);
        assertThat(stats.snapshot()).doesNotContainKeys("gateway", "home-pi");
        assertThat(stats.invalid().snapshot().messages()).isZero();
        assertThat(seen).isEmpty();
        assertThat(meters.find("equilibrium.ingest.rejects").counters()).allMatch(c -> c.count() == 0);
    }

    @Test
    void gatewayGapReachesTheBeatListenersAsAGapAndIsNotAReject() {
        List<Sample> out = json("ble-deb163c13969", "gap",
                "{\"from_ms\":1763740812345,\"to_ms\":1763740830120,\"reason\":\"link-lost\"}");
        assertThat(out).isEmpty();
        assertThat(events).containsExactly("gap ble-deb163c13969 1763740812345..1763740830120 link-lost");
        assertThat(stats.snapshot().get("ble-deb163c13969").gaps()).isEqualTo(1);
        assertThat(stats.snapshot().get("ble-deb163c13969").rejects()).isEmpty();
        assertThat(meters.get("equilibrium.ingest.gaps").tag("cause", "ble-link").counter().count()).isEqualTo(1);
    }

    @Test
    void malformedGapIsARejectAndNoGap() {
        assertThat(json("ble-deb163c13969", "gap", "{\"from_ms\":200,\"to_ms\":100}"))
                .containsExactly(new Sample.Reject(new DeviceId("ble-deb163c13969"), ARRIVAL, RejectReason.OUT_OF_RANGE, "gap"));
        assertThat(json("ble-deb163c13969", "gap", "{\"from_ms\":100}")).hasSize(1);
        assertThat(json("ble-deb163c13969", "gap", "not json")).hasSize(1);
        assertThat(events).isEmpty();
        assertThat(rejects("ble-deb163c13969", RejectReason.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(rejects("ble-deb163c13969", RejectReason.MISSING_FIELD)).isEqualTo(1);
        assertThat(rejects("ble-deb163c13969", RejectReason.NOT_JSON)).isEqualTo(1);
    }
}
