package org.equilibrium.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioException;
import org.equilibrium.sim.scenario.ScenarioParser;
import org.equilibrium.testsupport.fuzz.Bounded;
import org.equilibrium.testsupport.fuzz.HostileYaml;
import org.equilibrium.testsupport.fuzz.Mutator;

/**
 * Hostile scenario files into the simulator's {@link ScenarioParser}: mutated shipped scenarios, alias bombs, deep
 * nesting, huge scalars. Every input must give a Scenario or a {@link ScenarioException} (its documented error)
 * within the time bound.
 */
class ScenarioParserFuzzTest {
    private static final Bounded BOUNDED = new Bounded(Duration.ofSeconds(10));
    private static final List<String> SHIPPED = shipped();
    private static final Mutator MUTATOR = new Mutator(HostileYaml.TOKENS, ScenarioParser.MAX_TEXT_CHARS);

    @AfterContainer
    static void stopWorker() {
        BOUNDED.close();
    }

    @Property
    void everyTextGivesAScenarioOrAScenarioException(@ForAll("texts") String text) {
        Object outcome = BOUNDED.run(() -> {
            try {
                return ScenarioParser.parse(text, "fuzz.yaml");
            } catch (ScenarioException e) {
                return e;
            }
        }, () -> Mutator.describe(text.getBytes(StandardCharsets.UTF_8)));
        if (outcome instanceof ScenarioException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("fuzz.yaml"));
        } else {
            assertThat(outcome).isInstanceOf(Scenario.class);
        }
    }

    @Example
    void shippedScenariosParse() throws ScenarioException {
        assertThat(SHIPPED).hasSizeGreaterThanOrEqualTo(5);
        for (String s : SHIPPED) {
            assertThat(ScenarioParser.parse(s, "shipped.yaml")).isNotNull();
        }
    }

    @Example
    void aTextOverTheLimitIsRefusedBeforeParsing() {
        String big = SHIPPED.get(0) + "\n# " + "z".repeat(ScenarioParser.MAX_TEXT_CHARS);
        assertThatThrownBy(() -> ScenarioParser.parse(big, "big.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessage("big.yaml: larger than " + ScenarioParser.MAX_TEXT_CHARS + " characters");
    }

    @Example
    void aBillionLaughsIsRefusedQuickly() {
        Object outcome = BOUNDED.run(() -> {
            try {
                return ScenarioParser.parse(HostileYaml.aliasBomb(12), "bomb.yaml");
            } catch (ScenarioException e) {
                return e;
            }
        }, () -> "alias bomb");
        assertThat(outcome).isInstanceOf(ScenarioException.class);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> mutated = Arbitraries.randomValue(r -> new String(MUTATOR.mutate(pick(r), r),
                StandardCharsets.UTF_8));
        Arbitrary<String> lines = Arbitraries.randomValue(r -> new String(
                ProfileLoaderFuzzTest.lineMutation(pick(r), r), StandardCharsets.UTF_8));
        Arbitrary<String> hostile = Arbitraries.randomValue(r -> HostileYaml.any(r,
                new String(pick(r), StandardCharsets.UTF_8), ScenarioParser.MAX_TEXT_CHARS / 4));
        return Arbitraries.frequencyOf(Tuple.of(5, mutated), Tuple.of(3, lines), Tuple.of(1, hostile));
    }

    private static byte[] pick(Random r) {
        return SHIPPED.get(r.nextInt(SHIPPED.size())).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> shipped() {
        try (Stream<Path> s = Files.list(Path.of("firmware-sim", "scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
