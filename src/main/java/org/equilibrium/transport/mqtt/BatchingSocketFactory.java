package org.equilibrium.transport.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho whose input is read ahead in large chunks ({@link ReadAheadInputStream}) and whose
 * output coalesces Paho's flush-after-every-packet into one write per burst ({@link CoalescingOutputStream}).
 *
 * <p>Why the input side: Paho's reader takes each packet's fixed header byte by byte ({@code DataInputStream.readByte}) straight
 * from the socket's stream, and asks {@code available()} before every packet. On a raw socket each of those is a
 * system call (with Paho's 1-s read timeout, a read may add a poll), several per message; at tens of thousands of
 * QoS 1 messages per second that was the largest part of the receive thread's CPU. Reading ahead turns a burst
 * of packets into one read. Nothing else changes: the bytes, their order and the timeout behaviour (a read that
 * times out has consumed nothing) are those of the socket.
 */
final class BatchingSocketFactory extends SocketFactory {
    static final int BUFFER_BYTES = 64 * 1024;
    /** Longest an outgoing packet (under load: an acknowledgement) is held to share a write with others. */
    static final long LINGER_NANOS = 1_000_000L;

    @Override
    public Socket createSocket() {
        return new BatchingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        Socket s = createSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    private static final class BatchingSocket extends Socket {
        private InputStream in;
        private CoalescingOutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new ReadAheadInputStream(super.getInputStream(), BUFFER_BYTES);
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new CoalescingOutputStream(super.getOutputStream(), BUFFER_BYTES, LINGER_NANOS,
                        this::closeQuietly, "mqtt-write-flusher");
            }
            return out;
        }

        /** Writes what the output side still holds (a DISCONNECT, say), then closes. */
        @Override
        public void close() throws IOException {
            CoalescingOutputStream o;
            synchronized (this) {
                o = out;
            }
            try {
                if (o != null) {
                    o.close();
                }
            } catch (IOException e) {
                // closing anyway; the broker treats it as a lost connection
            } finally {
                super.close();
            }
        }

        private void closeQuietly() {
            try {
                super.close();
            } catch (IOException e) {
                // already broken
            }
        }
    }
}
