package org.equilibrium.people;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one Argon2id hash / verification with the production parameters: this is the CPU time
 * every login (and every failed guess) costs the server. Run:
 * {@code mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main PasswordHasherBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PasswordHasherBenchmark {
    private final PasswordHasher hasher = new PasswordHasher();
    private String stored;

    @Setup
    public void setUp() {
        stored = hasher.hash("correct horse battery staple");
    }

    @Benchmark
    public String hash() {
        return hasher.hash("correct horse battery staple");
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify("correct horse battery staple", stored);
    }
}
