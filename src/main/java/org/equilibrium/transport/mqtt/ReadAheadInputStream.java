package org.equilibrium.transport.mqtt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A read-ahead buffer, like {@link java.io.BufferedInputStream} but without its lock, and with an
 * {@link #available()} that answers from the buffer when it holds anything (no system call). One reader
 * thread at a time (as Paho's receiver and the benchmark's clients read).
 */
public final class ReadAheadInputStream extends FilterInputStream {
    private final byte[] buf;
    private int pos;
    private int limit;

    public ReadAheadInputStream(InputStream in, int size) {
        super(in);
        this.buf = new byte[size];
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length) {
                return in.read(b, off, len); // large reads bypass the buffer
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** One read of whatever the socket has (at least one byte, or end of stream). */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (pos == limit) {
            return in.skip(n);
        }
        int k = (int) Math.min(n, limit - pos);
        pos += k;
        return k;
    }

    /** Bytes already read ahead (no system call). */
    public int buffered() {
        return limit - pos;
    }

    @Override
    public int available() throws IOException {
        int buffered = limit - pos;
        return buffered > 0 ? buffered : in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
