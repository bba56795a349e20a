package org.equilibrium.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    /** Hands out its chunks one read at a time (as a socket does), counting reads and available() calls. */
    private static final class ChunkedSource extends InputStream {
        final Deque<Object> chunks = new ArrayDeque<>(); // byte[] or an IOException to throw once
        int reads;
        int availableCalls;

        @Override
        public int read() {
            throw new AssertionError("single-byte reads must not reach the socket");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            Object next = chunks.poll();
            if (next == null) {
                return -1;
            }
            if (next instanceof IOException e) {
                throw e;
            }
            byte[] c = (byte[]) next;
            int n = Math.min(len, c.length);
            System.arraycopy(c, 0, b, off, n);
            if (n < c.length) {
                chunks.push(Arrays.copyOfRange(c, n, c.length));
            }
            return n;
        }

        @Override
        public int available() {
            availableCalls++;
            return chunks.isEmpty() || chunks.peek() instanceof IOException ? 0 : ((byte[]) chunks.peek()).length;
        }
    }

    @Test
    void returnsExactlyTheSourceBytesWhateverMixOfByteAndBulkReads() throws IOException {
        Random random = new Random(7);
        byte[] data = new byte[200_000];
        random.nextBytes(data);
        ChunkedSource source = new ChunkedSource();
        for (int i = 0; i < data.length; ) {
            int n = Math.min(data.length - i, 1 + random.nextInt(3000));
            source.chunks.add(Arrays.copyOfRange(data, i, i + n));
            i += n;
        }
        ReadAheadInputStream in = new ReadAheadInputStream(source, 4096);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[10_000];
        while (true) {
            if (random.nextBoolean()) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            } else {
                int n = in.read(buf, 0, 1 + random.nextInt(buf.length));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void readsAPacketHeaderByteByByteWithOneSourceRead() throws IOException {
        // Paho's reader: readByte for the type, the remaining length a byte at a time, then readFully.
        ChunkedSource source = new ChunkedSource();
        source.chunks.add(new byte[] {0x32, 5, 'a', 'b', 'c', 'd', 'e', 0x40, 2, 0, 1});
        DataInputStream in = new DataInputStream(new ReadAheadInputStream(source, 1024));
        assertThat(in.readUnsignedByte()).isEqualTo(0x32);
        byte[] body = new byte[in.readUnsignedByte()];
        in.readFully(body);
        assertThat(in.readUnsignedByte()).isEqualTo(0x40);
        assertThat(in.readUnsignedByte()).isEqualTo(2);
        in.readFully(new byte[2]);
        assertThat(body).containsExactly('a', 'b', 'c', 'd', 'e');
        assertThat(source.reads).isEqualTo(1);
    }

    @Test
    void answersAvailableFromTheBufferWithoutAskingTheSocket() throws IOException {
        ChunkedSource source = new ChunkedSource();
        source.chunks.add(new byte[] {1, 2, 3});
        ReadAheadInputStream in = new ReadAheadInputStream(source, 1024);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.available()).isEqualTo(2);
        assertThat(in.buffered()).isEqualTo(2);
        assertThat(source.availableCalls).isZero();
        in.read(new byte[2], 0, 2);
        assertThat(in.available()).isZero(); // empty buffer: asks the socket
        assertThat(source.availableCalls).isEqualTo(1);
    }

    @Test
    void aTimeoutConsumesNothingAndTheNextReadContinuesWhereItStopped() throws IOException {
        // Paho sets a 1-s read timeout and simply reads again after it.
        ChunkedSource source = new ChunkedSource();
        source.chunks.add(new byte[] {1, 2});
        source.chunks.add(new SocketTimeoutException("Read timed out"));
        source.chunks.add(new byte[] {3});
        ReadAheadInputStream in = new ReadAheadInputStream(source, 1024);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read()).isEqualTo(2);
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(in.read()).isEqualTo(3);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void largeReadsGoStraightToTheSource() throws IOException {
        ChunkedSource source = new ChunkedSource();
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 9);
        source.chunks.add(big);
        ReadAheadInputStream in = new ReadAheadInputStream(source, 1024);
        byte[] into = new byte[5000];
        assertThat(in.read(into, 0, into.length)).isEqualTo(5000);
        assertThat(into).isEqualTo(big);
    }
}
