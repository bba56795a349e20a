package org.equilibrium.bench;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.equilibrium.transport.mqtt.ReadAheadInputStream;

/**
 * The ingest benchmark's load generator and reference subscriber: a minimal MQTT 3.1.1 client over one
 * socket (CONNECT, PUBLISH and SUBSCRIBE at QoS 1, PUBACK, DISCONNECT; keep-alive off).
 *
 * <p>Why not Paho: the benchmark measures the broker alone against the service end to end on the same two
 * cores, so whatever CPU the load generator burns is taken from both. Paho's publisher and a Paho counting
 * subscriber cost several times the broker's own CPU per message, which made the benchmark measure Paho
 * instead of Mosquitto. This client writes a window of QoS 1 publishes in one system call and acknowledges
 * a burst of deliveries in one, so the broker is the bottleneck of the broker-alone phase, as it should be.
 * It is a benchmark tool, not a device: devices and the service use Paho.
 */
final class LeanMqttClient implements AutoCloseable {
    private static final int CONNECT = 0x10;
    private static final int CONNACK = 0x20;
    private static final int PUBLISH = 0x30;
    private static final int PUBACK = 0x40;
    private static final int SUBSCRIBE = 0x82;
    private static final int SUBACK = 0x90;
    private static final int DISCONNECT = 0xE0;

    private final Socket socket;
    private final ReadAheadInputStream buffer;
    private final DataInputStream in;
    private final OutputStream out;

    private LeanMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.buffer = new ReadAheadInputStream(socket.getInputStream(), 64 * 1024);
        this.in = new DataInputStream(buffer);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects with a clean session; the broker's CONNACK must accept. */
    static LeanMqttClient connect(String url, String clientId) throws IOException {
        URI uri = URI.create(url);
        if (!"tcp".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the benchmark client speaks plain tcp:// only, not " + url);
        }
        Socket s = new Socket();
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        LeanMqttClient c = new LeanMqttClient(s);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 10 + 2 + id.length;
        c.out.write(CONNECT);
        writeLength(c.out, remaining);
        c.out.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0}); // level 4, clean session, no keep-alive
        writeString(c.out, id);
        c.out.flush();
        int type = c.in.readUnsignedByte();
        int len = readLength(c.in);
        byte[] body = new byte[len];
        c.in.readFully(body);
        if (type != CONNACK || len != 2 || body[1] != 0) {
            c.close();
            throw new IOException("broker refused the connection of " + clientId + " (CONNACK code "
                    + (len >= 2 ? body[1] : -1) + ")");
        }
        return c;
    }

    /**
     * A QoS 1 publisher: at most {@code window} publishes unacknowledged. Writes are flushed only when the
     * window is full or {@link Publisher#drain} is called, and a full window waits until half of it is
     * acknowledged: refilling it one acknowledgement at a time would cost a wake-up and a system call per
     * message, and the broker would get its input one packet per read.
     */
    Publisher publisher(int window) {
        return new Publisher(window);
    }

    final class Publisher {
        private final int window;
        private final AtomicInteger unacked = new AtomicInteger();
        private final Thread acks;
        private final Thread self = Thread.currentThread();
        private volatile IOException failure;
        private volatile int wakeAt = -1;
        private int nextId = 1;

        private Publisher(int window) {
            this.window = window;
            this.acks = new Thread(this::readAcks, "bench-puback-reader");
            acks.setDaemon(true);
            acks.start();
        }

        /** Call from the thread that created the publisher. */
        void publish(byte[] topic, byte[] payload) throws IOException {
            if (unacked.get() >= window) {
                awaitUnackedAtMost(window / 2);
            }
            unacked.incrementAndGet();
            int id = nextId;
            nextId = id == 0xFFFF ? 1 : id + 1;
            out.write(PUBLISH | 0x02);
            writeLength(out, 2 + topic.length + 2 + payload.length);
            writeString(out, topic);
            out.write(id >>> 8);
            out.write(id & 0xFF);
            out.write(payload);
        }

        /** Flushes and waits until every publish is acknowledged. */
        void drain() throws IOException {
            awaitUnackedAtMost(0);
        }

        private void awaitUnackedAtMost(int level) throws IOException {
            out.flush();
            wakeAt = level;
            while (unacked.get() > level) {
                if (failure != null) {
                    throw failure;
                }
                LockSupport.parkNanos(this, 100_000_000L);
            }
            wakeAt = -1;
        }

        private void readAcks() {
            try {
                while (true) {
                    int type = in.readUnsignedByte();
                    int len = readLength(in);
                    in.skipNBytes(len);
                    if ((type & 0xF0) == PUBACK && unacked.decrementAndGet() == wakeAt) {
                        LockSupport.unpark(self);
                    }
                }
            } catch (IOException e) {
                failure = e;
                LockSupport.unpark(self);
            }
        }
    }

    /** Subscribes at QoS 1 and waits for the broker's SUBACK. */
    void subscribe(String filter) throws IOException {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        out.write(SUBSCRIBE);
        writeLength(out, 2 + 2 + f.length + 1);
        out.write(0);
        out.write(1);
        writeString(out, f);
        out.write(1);
        out.flush();
        int type = in.readUnsignedByte();
        byte[] body = new byte[readLength(in)];
        in.readFully(body);
        if (type != SUBACK || body.length < 3 || (body[2] & 0xFF) >= 0x80) {
            throw new IOException("subscription to " + filter + " refused");
        }
    }

    /**
     * Counts deliveries, acknowledging each (flushed whenever no further delivery is already buffered),
     * until {@code total} arrived; returns {@link System#nanoTime()} at the last one. A silence longer than
     * {@code timeout} fails.
     */
    long countUntil(long total, Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        long count = 0;
        while (count < total) {
            if (buffer.buffered() == 0) {
                out.flush();
            }
            int t = in.readUnsignedByte();
            int len = readLength(in);
            if ((t & 0xF0) != PUBLISH) {
                in.skipNBytes(len);
                continue;
            }
            int topicLen = in.readUnsignedShort();
            in.skipNBytes(topicLen);
            int rest = len - 2 - topicLen;
            if ((t & 0x06) != 0) {
                int id = in.readUnsignedShort();
                rest -= 2;
                out.write(PUBACK);
                out.write(2);
                out.write(id >>> 8);
                out.write(id & 0xFF);
            }
            in.skipNBytes(rest);
            count++;
        }
        long last = System.nanoTime();
        out.flush();
        return last;
    }

    @Override
    public void close() throws IOException {
        try {
            out.write(DISCONNECT);
            out.write(0);
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
        }
    }

    private static void writeString(OutputStream o, byte[] s) throws IOException {
        o.write(s.length >>> 8);
        o.write(s.length & 0xFF);
        o.write(s);
    }

    /** MQTT "remaining length": 7 bits per byte, low first, high bit = more. */
    private static void writeLength(OutputStream o, int n) throws IOException {
        do {
            int b = n & 0x7F;
            n >>>= 7;
            o.write(n > 0 ? b | 0x80 : b);
        } while (n > 0);
    }

    private static int readLength(DataInputStream i) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = i.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }
}
