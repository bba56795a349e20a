package org.equilibrium.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.device.profile.ProfileLoader;
import org.equilibrium.testsupport.fuzz.Bounded;
import org.equilibrium.testsupport.fuzz.HostileYaml;
import org.equilibrium.testsupport.fuzz.Mutator;

/**
 * Hostile profile files into {@link ProfileLoader#check}: mutated shipped profiles, alias bombs, deep nesting, huge
 * scalars, foreign tags, up to the loader's file limit. Every input must give a profile or errors (never an
 * exception, never both) within the time bound.
 */
class ProfileLoaderFuzzTest {
    private static final ProfileLoader LOADER = new ProfileLoader(DecoderRegistry.standard());
    private static final Bounded BOUNDED = new Bounded(Duration.ofSeconds(10));
    private static final List<byte[]> SHIPPED = shipped();
    private static final Mutator MUTATOR = new Mutator(HostileYaml.TOKENS, ProfileLoader.MAX_FILE_BYTES);

    @AfterContainer
    static void stopWorker() {
        BOUNDED.close();
    }

    @Property
    void everyFileGivesAProfileOrErrors(@ForAll("files") byte[] content) {
        ProfileLoader.FileResult r = BOUNDED.run(() -> LOADER.check("fuzz.yaml", content),
                () -> Mutator.describe(content));
        assertThat(r.profile() == null).as(Mutator.describe(content)).isEqualTo(!r.errors().isEmpty());
    }

    @Example
    void shippedProfilesPassTheSameCheck() {
        assertThat(SHIPPED).hasSize(8);
        for (byte[] b : SHIPPED) {
            assertThat(LOADER.check("shipped.yaml", b).errors()).isEmpty();
        }
    }

    @Example
    void aFileOverTheLimitIsAnErrorBeforeParsing() {
        byte[] big = ("id: x\n# " + "z".repeat(ProfileLoader.MAX_FILE_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);
        ProfileLoader.FileResult r = LOADER.check("big.yaml", big);
        assertThat(r.profile()).isNull();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.problem())
                .isEqualTo("file larger than " + ProfileLoader.MAX_FILE_BYTES + " bytes"));
    }

    @Example
    void aBillionLaughsIsRefusedQuickly() {
        ProfileLoader.FileResult r = BOUNDED.run(() -> LOADER.check("bomb.yaml",
                HostileYaml.aliasBomb(12).getBytes(StandardCharsets.UTF_8)), () -> "alias bomb");
        assertThat(r.profile()).isNull();
        assertThat(r.errors().toString()).contains("aliases");
    }

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<byte[]> mutated = Arbitraries.randomValue(r -> MUTATOR.mutate(pick(r), r));
        Arbitrary<byte[]> lines = Arbitraries.randomValue(r -> lineMutation(pick(r), r));
        Arbitrary<byte[]> hostile = Arbitraries.randomValue(r -> HostileYaml.any(r,
                new String(pick(r), StandardCharsets.UTF_8), ProfileLoader.MAX_FILE_BYTES)
                .getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(5, mutated), Tuple.of(3, lines), Tuple.of(1, hostile));
    }

    private static byte[] pick(Random r) {
        return SHIPPED.get(r.nextInt(SHIPPED.size()));
    }

    /** Drops, repeats, swaps or re-indents whole lines: structure changes byte mutation rarely makes. */
    static byte[] lineMutation(byte[] base, Random r) {
        List<String> lines = new java.util.ArrayList<>(List.of(new String(base, StandardCharsets.UTF_8).split("\n")));
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && !lines.isEmpty(); i++) {
            int a = r.nextInt(lines.size());
            switch (r.nextInt(4)) {
                case 0 -> lines.remove(a);
                case 1 -> lines.add(a, lines.get(r.nextInt(lines.size())));
                case 2 -> java.util.Collections.swap(lines, a, r.nextInt(lines.size()));
                default -> lines.set(a, " ".repeat(r.nextInt(6)) + lines.get(a).strip());
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> shipped() {
        Path dir = Path.of("device-profiles");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
