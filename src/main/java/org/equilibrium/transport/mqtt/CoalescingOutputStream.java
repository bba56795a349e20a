package org.equilibrium.transport.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * The output side of the MQTT socket: turns a flush after every packet into one write per burst.
 *
 * <p>Why: Paho's sender writes and flushes each packet on its own, so every QoS 1 acknowledgement was a
 * system call of its own (and a read of its own for the broker). A flush here writes at once when nothing was
 * written within the last {@code lingerNanos}; otherwise the bytes wait, at most until {@code lingerNanos}
 * after the previous write, and go out together. So at low rates (commands, pings, the odd ack) nothing is
 * delayed at all, and under load packets are held for at most the linger (1 ms by default), while each write
 * carries a burst of them.
 *
 * <p>A delayed write that fails closes the socket ({@code onFailure}), so Paho's reader sees the connection
 * drop and the client reconnects; the next write or flush also throws. {@link #close()} writes what is held
 * first, so a DISCONNECT written just before the socket closes still goes out.
 */
final class CoalescingOutputStream extends OutputStream {
    private final OutputStream out;
    private final long lingerNanos;
    private final Runnable onFailure;
    private final byte[] buf;
    private int count;
    private long lastWriteNanos;
    private long dueNanos;
    private boolean closed;
    private IOException failure;
    private final Thread flusher;

    CoalescingOutputStream(OutputStream out, int bufferBytes, long lingerNanos, Runnable onFailure, String name) {
        this.out = out;
        this.lingerNanos = lingerNanos;
        this.onFailure = onFailure;
        this.buf = new byte[bufferBytes];
        this.lastWriteNanos = System.nanoTime() - lingerNanos;
        this.flusher = new Thread(this::flushLoop, name);
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        check();
        if (count == buf.length) {
            writeOut();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        check();
        if (len > buf.length - count) {
            writeOut();
        }
        if (len >= buf.length) {
            out.write(b, off, len);
            lastWriteNanos = System.nanoTime();
            return;
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    @Override
    public synchronized void flush() throws IOException {
        check();
        if (count == 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastWriteNanos >= lingerNanos) {
            writeOut();
            out.flush();
        } else if (dueNanos == 0) {
            dueNanos = lastWriteNanos + lingerNanos;
            notifyAll(); // one wake-up per linger period at most
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            try {
                if (failure == null && count > 0) {
                    writeOut();
                    out.flush();
                }
            } finally {
                out.close();
            }
        }
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write to the broker failed", failure);
        }
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private void writeOut() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
            lastWriteNanos = System.nanoTime();
        }
        dueNanos = 0;
    }

    private void flushLoop() {
        while (true) {
            long wait;
            synchronized (this) {
                while (!closed && dueNanos == 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                wait = dueNanos - System.nanoTime();
            }
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // re-check: a direct flush may have written it meanwhile
            }
            boolean failed = false;
            synchronized (this) {
                if (!closed && dueNanos != 0 && dueNanos - System.nanoTime() <= 0) {
                    try {
                        writeOut();
                        out.flush();
                    } catch (IOException e) {
                        failure = e;
                        count = 0;
                        dueNanos = 0;
                        failed = true;
                    }
                }
            }
            if (failed) {
                onFailure.run();
                return;
            }
        }
    }
}
