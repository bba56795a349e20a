package org.equilibrium.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingOutputStreamTest {
    private static final long LINGER = TimeUnit.MILLISECONDS.toNanos(200);

    /** Records what reached the "socket" and how many writes it took. */
    private static final class Socket extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        volatile boolean broken;
        boolean closed;

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (broken) {
                throw new IOException("Broken pipe");
            }
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        synchronized int writes() {
            return writes;
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    private static void packet(OutputStream out, int id) throws IOException {
        out.write(new byte[] {0x40, 2, 0, (byte) id}); // a PUBACK, as Paho writes it: bytes, then flush
        out.flush();
    }

    @Test
    void aFlushAfterAQuietSpellWritesAtOnce() throws IOException {
        Socket socket = new Socket();
        try (CoalescingOutputStream out = new CoalescingOutputStream(socket, 1024, LINGER, () -> { }, "t")) {
            packet(out, 1);
            assertThat(socket.writes()).isEqualTo(1);
            assertThat(socket.bytes()).containsExactly(0x40, 2, 0, 1);
        }
    }

    @Test
    void aBurstOfFlushesGoesOutInOneWriteWithinTheLinger() throws Exception {
        Socket socket = new Socket();
        try (CoalescingOutputStream out = new CoalescingOutputStream(socket, 1024, LINGER, () -> { }, "t")) {
            packet(out, 0);
            for (int id = 1; id <= 50; id++) {
                packet(out, id);
            }
            assertThat(socket.writes()).isEqualTo(1); // the other 50 are held
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (socket.writes() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(socket.writes()).isEqualTo(2);
            byte[] all = socket.bytes();
            assertThat(all).hasSize(51 * 4);
            for (int id = 0; id <= 50; id++) {
                assertThat(all[id * 4 + 3]).isEqualTo((byte) id);
            }
        }
    }

    @Test
    void closeWritesWhatIsHeldSoALastDisconnectGoesOut() throws IOException {
        Socket socket = new Socket();
        CoalescingOutputStream out = new CoalescingOutputStream(socket, 1024, LINGER, () -> { }, "t");
        packet(out, 1);
        out.write(new byte[] {(byte) 0xE0, 0});
        out.flush(); // held: within the linger of the first write
        out.close();
        assertThat(socket.bytes()).containsExactly(0x40, 2, 0, 1, 0xE0, 0);
        assertThat(socket.closed).isTrue();
    }

    @Test
    void aDelayedWriteThatFailsClosesTheConnectionAndTheNextWriteThrows() throws Exception {
        Socket socket = new Socket();
        CountDownLatch failed = new CountDownLatch(1);
        try (CoalescingOutputStream out = new CoalescingOutputStream(socket, 1024, LINGER, failed::countDown, "t")) {
            packet(out, 1);
            socket.broken = true;
            packet(out, 2); // held, then written by the flusher, which fails
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> packet(out, 3)).isInstanceOf(IOException.class)
                    .hasMessageContaining("earlier write");
        }
    }
}
