package org.equilibrium.storage.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000);

    private DiskSpool open(long maxBytes, long segmentBytes) throws IOException {
        return DiskSpool.open(dir.resolve("spool"), maxBytes, segmentBytes, clock::get);
    }

    private static List<String> texts(DiskSpool.Batch b) {
        return b.payloads().stream().map(p -> new String(p, UTF_8)).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        if (!Files.isDirectory(dir.resolve("spool"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.resolve("spool"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".spool")).sorted().toList();
        }
    }

    @Test
    void opensWithoutCreatingAnythingUntilTheFirstAppend() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.read(10, MIB)).isEmpty();
        }
        assertThat(dir.resolve("spool")).doesNotExist();
    }

    @Test
    void readsRecordsOldestFirstWithinThePointLimitAndRemovesThemOnlyWhenAcknowledged() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            assertThat(spool.tryAppend("a".getBytes(UTF_8), 1)).isTrue();
            clock.set(2_000);
            assertThat(spool.tryAppend("bb".getBytes(UTF_8), 2)).isTrue();
            assertThat(spool.tryAppend("ccc".getBytes(UTF_8), 3)).isTrue();
            spool.sync();
            assertThat(spool.records()).isEqualTo(3);
            assertThat(spool.points()).isEqualTo(6);
            assertThat(spool.oldestAppendedAtMs()).isEqualTo(1_000);

            DiskSpool.Batch first = spool.read(3, MIB).orElseThrow();
            assertThat(texts(first)).containsExactly("a", "bb");
            assertThat(first.points()).isEqualTo(3);
            // Reading again without acknowledging gives the same records.
            assertThat(texts(spool.read(3, MIB).orElseThrow())).containsExactly("a", "bb");

            spool.acknowledge(first);
            assertThat(spool.records()).isEqualTo(1);
            assertThat(spool.oldestAppendedAtMs()).isEqualTo(2_000);
            DiskSpool.Batch second = spool.read(1, MIB).orElseThrow();
            assertThat(texts(second)).containsExactly("ccc");
            spool.acknowledge(second);
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.bytes()).isZero();
            assertThat(spool.oldestAppendedAtMs()).isEqualTo(-1);
        }
        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void refusesToAcknowledgeABatchThatIsNotAtTheHead() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            spool.tryAppend("a".getBytes(UTF_8), 1);
            spool.tryAppend("b".getBytes(UTF_8), 1);
            DiskSpool.Batch a = spool.read(1, MIB).orElseThrow();
            spool.acknowledge(a);
            assertThatThrownBy(() -> spool.acknowledge(a)).isInstanceOf(IllegalStateException.class);
            assertThat(texts(spool.read(1, MIB).orElseThrow())).containsExactly("b");
        }
    }

    @Test
    void keepsUnacknowledgedRecordsAcrossReopenAndReplaysThemInOrder() throws IOException {
        try (DiskSpool spool = open(MIB, 1024)) {
            for (int i = 0; i < 50; i++) {
                assertThat(spool.tryAppend(("record-" + i).getBytes(UTF_8), i)).isTrue();
            }
            spool.sync();
            DiskSpool.Batch firstTen = spool.read(45, MIB).orElseThrow();
            assertThat(firstTen.records()).isEqualTo(10);
            spool.acknowledge(firstTen);
        }
        try (DiskSpool spool = open(MIB, 1024)) {
            // The read position is not persisted: the head segment is read again from its start, whole
            // segments already acknowledged are gone.
            assertThat(spool.recovery().discardedBytes()).isZero();
            DiskSpool.Batch all = spool.read(Long.MAX_VALUE, MIB).orElseThrow();
            List<String> texts = texts(all);
            assertThat(texts).endsWith("record-47", "record-48", "record-49");
            int firstIndex = Integer.parseInt(texts.get(0).substring("record-".length()));
            assertThat(firstIndex).isBetween(0, 10);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(texts.get(i)).isEqualTo("record-" + (firstIndex + i));
            }
            assertThat(spool.records()).isEqualTo(texts.size());
        }
    }

    @Test
    void discardsATornLastRecordOnRecoveryAndKeepsEverythingBeforeIt() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            spool.tryAppend("complete".getBytes(UTF_8), 4);
            spool.tryAppend("torn-by-a-crash".getBytes(UTF_8), 7);
            spool.sync();
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(size - 5);
        }
        try (DiskSpool spool = open(MIB, MIB)) {
            assertThat(spool.recovery().records()).isEqualTo(1);
            assertThat(spool.recovery().points()).isEqualTo(4);
            assertThat(spool.recovery().discardedBytes()).isEqualTo(size - 5 - (8 + 12 + "complete".length()));
            assertThat(spool.recovery().problems()).singleElement().asString().contains("cut short");
            assertThat(texts(spool.read(100, MIB).orElseThrow())).containsExactly("complete");
            // The spool keeps working after the repair.
            spool.tryAppend("after".getBytes(UTF_8), 1);
            spool.sync();
        }
        try (DiskSpool spool = open(MIB, MIB)) {
            assertThat(spool.recovery().discardedBytes()).isZero();
            assertThat(texts(spool.read(100, MIB).orElseThrow())).containsExactly("complete", "after");
        }
    }

    @Test
    void discardsARecordWhoseChecksumDoesNotMatch() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            spool.tryAppend("good".getBytes(UTF_8), 1);
            spool.tryAppend("flipped".getBytes(UTF_8), 1);
            spool.sync();
        }
        Path segment = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() - 1);
            f.write('X');
        }
        try (DiskSpool spool = open(MIB, MIB)) {
            assertThat(spool.recovery().problems()).singleElement().asString().contains("CRC mismatch");
            assertThat(texts(spool.read(100, MIB).orElseThrow())).containsExactly("good");
        }
    }

    @Test
    void discardsAHeaderWithAnImpossibleLength() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            spool.tryAppend("good".getBytes(UTF_8), 1);
            spool.sync();
        }
        Path segment = segmentFiles().get(0);
        Files.write(segment, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 1, 2},
                java.nio.file.StandardOpenOption.APPEND);
        try (DiskSpool spool = open(MIB, MIB)) {
            assertThat(spool.recovery().discardedBytes()).isEqualTo(10);
            assertThat(spool.recovery().problems()).singleElement().asString().contains("impossible record length");
            assertThat(texts(spool.read(100, MIB).orElseThrow())).containsExactly("good");
        }
    }

    @Test
    void refusesAppendsPastItsBoundAndTakesThemAgainOnceSegmentsAreAcknowledged() throws IOException {
        byte[] kb = new byte[1000];
        // Each record is 8 + 12 + 1000 bytes; two fit in a 2048-byte segment, four in the 4096-byte bound.
        try (DiskSpool spool = open(4096, 2048)) {
            for (int i = 0; i < 4; i++) {
                assertThat(spool.tryAppend(kb, 1)).as("record %d", i).isTrue();
            }
            assertThat(spool.tryAppend(kb, 1)).isFalse();
            assertThat(spool.records()).isEqualTo(4);
            assertThat(segmentFiles()).hasSize(2);

            spool.acknowledge(spool.read(2, MIB).orElseThrow());
            assertThat(segmentFiles()).hasSize(1);
            assertThat(spool.bytes()).isEqualTo(2040);
            assertThat(spool.tryAppend(kb, 1)).isTrue();
        }
    }

    @Test
    void deletesASegmentOnlyWhenEveryRecordInItIsAcknowledged() throws IOException {
        byte[] kb = new byte[1000];
        try (DiskSpool spool = open(MIB, 2048)) {
            for (int i = 0; i < 3; i++) {
                spool.tryAppend(kb, 1);
            }
            spool.acknowledge(spool.read(1, MIB).orElseThrow());
            assertThat(segmentFiles()).hasSize(2);
            spool.acknowledge(spool.read(1, MIB).orElseThrow());
            assertThat(segmentFiles()).hasSize(1);
            spool.acknowledge(spool.read(1, MIB).orElseThrow());
            assertThat(segmentFiles()).isEmpty();
        }
    }

    @Test
    void anotherStoreCannotOpenADirectoryInUse() throws IOException {
        try (DiskSpool spool = open(MIB, MIB)) {
            spool.tryAppend("x".getBytes(UTF_8), 1);
            assertThatThrownBy(() -> open(MIB, MIB)).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        try (DiskSpool again = open(MIB, MIB)) {
            assertThat(again.records()).isEqualTo(1);
        }
    }
}
