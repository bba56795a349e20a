package org.equilibrium.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.equilibrium.session.stimulation.CommandAck;
import org.equilibrium.session.stimulation.CommandAckCodec;
import org.equilibrium.testsupport.fuzz.Bounded;
import org.equilibrium.testsupport.fuzz.Mutator;

/** Hostile {@code cmd/ack} payloads (devices write them) into {@link CommandAckCodec}: an ack or empty, never a throw. */
class CommandAckFuzzTest {
    private static final Bounded BOUNDED = new Bounded(Duration.ofSeconds(5));
    private static final List<byte[]> VALID = List.of(
            "{\"id\":\"c0ffee01\",\"ok\":false,\"error\":\"current_ua 90000 exceeds profile limit 80000\"}"
                    .getBytes(StandardCharsets.UTF_8),
            ("{\"id\":\"a1\",\"ok\":true,\"applied\":{\"op\":\"set\",\"program\":\"conventional\",\"frequency_hz\":80.0,"
                    + "\"pulse_width_us\":200,\"current_ua\":12500,\"ramp_ua_per_s\":2000,\"duration_s\":1800}}")
                    .getBytes(StandardCharsets.UTF_8));
    private static final Mutator MUTATOR = new Mutator(List.of("{", "}", "[", "]", "\"", ",", ":", "null", "true",
            "1e309", "-1", "\"applied\":", "\"current_ua\":", "\"id\":", "\\u0000"), 8192);

    @AfterContainer
    static void stopWorker() {
        BOUNDED.close();
    }

    @Property
    void everyPayloadGivesAnAckOrNothing(@ForAll("payloads") byte[] payload) {
        Optional<CommandAck> ack = BOUNDED.run(() -> CommandAckCodec.parse(payload), () -> Mutator.describe(payload));
        assertThat(ack).isNotNull();
        ack.ifPresent(a -> {
            assertThat(a.id()).isNotNull();
            if (a.appliedCurrentMicroamps() != null) {
                assertThat(a.appliedCurrentMicroamps()).isNotNegative();
            }
        });
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(6, Arbitraries.randomValue(r -> MUTATOR.mutate(VALID.get(r.nextInt(VALID.size())), r))),
                Tuple.of(1, Arbitraries.randomValue(r -> ("{\"id\":\"x\",\"ok\":true,\"applied\":"
                        + "{\"a\":".repeat(r.nextInt(40)) + "1" + "}".repeat(r.nextInt(40)) + "}")
                        .getBytes(StandardCharsets.UTF_8))));
    }
}
