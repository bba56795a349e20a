package org.equilibrium.storage.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * A bounded, crash-safe, append-only FIFO of records on disk: what the storage layer keeps while the
 * database cannot take writes, replayed in order when it returns.
 *
 * <p><b>Layout.</b> A directory of segment files {@code segment-<20-digit id>.spool}, ids increasing. Each
 * record is {@code [int bodyLength][int crc32(body)][body]}, big-endian, where the body is
 * {@code [long appendedAtMs][int points][payload]}. New records go to the last segment; a segment is closed
 * at {@code segmentBytes}.
 *
 * <p><b>Durability.</b> {@link #append} writes without forcing; {@link #sync} forces the data (and a new
 * segment's directory entry) to the device. A caller that batches several appends and then syncs once
 * has them all durable when {@code sync} returns, and must not report them safe before.
 *
 * <p><b>Recovery.</b> {@link #open} scans every segment; the first record whose header is incomplete,
 * whose length is impossible or whose CRC does not match ends the segment: that tail (a write torn by a
 * crash) is truncated and reported in {@link #recovery()}. Everything before it is replayed.
 *
 * <p><b>Consumption.</b> {@link #read} returns records from the head without removing them;
 * {@link #acknowledge} removes them once the caller has stored them elsewhere. A segment file is deleted only
 * when every record in it was acknowledged. The read position is kept in memory only: after a crash the head
 * segment is read again from its start, so consumers must be idempotent (InfluxDB writes are: same series and
 * timestamp overwrite).
 *
 * <p><b>Bound.</b> {@link #tryAppend} refuses a record that would take the files past {@code maxBytes}
 * (acknowledged-but-not-yet-deleted bytes of the head segment count until the segment goes).
 *
 * <p>Thread-safe: one producer and one consumer may call concurrently. A lock file keeps a second process
 * from opening the same directory.
 */
public final class DiskSpool implements AutoCloseable {

    static final int HEADER_BYTES = 8;
    static final int BODY_PREFIX_BYTES = 12;
    /** Upper bound of one record's body; larger lengths in a header mean corruption. */
    public static final int MAX_RECORD_BYTES = 256 * 1024 * 1024;

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".spool";

    /** What {@link #open} found and repaired. */
    public record Recovery(int segments, long records, long points, long bytes, long discardedBytes,
                           List<String> problems) {
    }

    /** Records read from the head, to be {@linkplain #acknowledge acknowledged} once stored elsewhere. */
    public record Batch(List<byte[]> payloads, long points, long oldestAppendedAtMs, Position start, Position end) {
        public int records() {
            return payloads.size();
        }
    }

    /** A place in the spool: segment id and byte offset. */
    public record Position(long segment, long offset) {
    }

    private static final class Segment {
        final long id;
        final Path path;
        final FileChannel channel;
        long size;

        Segment(long id, Path path, FileChannel channel, long size) {
            this.id = id;
            this.path = path;
            this.channel = channel;
            this.size = size;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final LongSupplier clockMs;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final Recovery recovery;
    private FileChannel lockChannel;
    private FileLock lock;

    private Segment active;
    private long nextSegmentId;
    private Position head;
    private long headAppendedAtMs = -1;
    private long records;
    private long points;
    private long bytes;
    private boolean dirty;
    private boolean dirDirty;
    private boolean closed;

    private DiskSpool(Path dir, long maxBytes, long segmentBytes, LongSupplier clockMs) throws IOException {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("spool maxBytes must be at least 1024 but was " + maxBytes);
        }
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("spool segmentBytes must be at least 1024 but was " + segmentBytes);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.clockMs = clockMs;
        this.recovery = recover();
    }

    /**
     * Opens (and recovers) the spool in {@code dir}. The directory is created on the first append, so opening
     * an unused spool leaves no trace.
     */
    public static DiskSpool open(Path dir, long maxBytes, long segmentBytes, LongSupplier clockMs) throws IOException {
        return new DiskSpool(dir, maxBytes, segmentBytes, clockMs);
    }

    public static DiskSpool open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        return open(dir, maxBytes, segmentBytes, System::currentTimeMillis);
    }

    public Recovery recovery() {
        return recovery;
    }

    public Path directory() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private Recovery recover() throws IOException {
        List<String> problems = new ArrayList<>();
        long discarded = 0;
        if (!Files.isDirectory(dir)) {
            return new Recovery(0, 0, 0, 0, 0, List.of());
        }
        acquireLock();
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                try {
                    found.put(Long.parseLong(digits), p);
                } catch (NumberFormatException e) {
                    problems.add("ignored " + name + ": not a segment name");
                }
            }
        }
        for (Map.Entry<Long, Path> e : found.entrySet()) {
            long id = e.getKey();
            Path path = e.getValue();
            nextSegmentId = Math.max(nextSegmentId, id + 1);
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long fileSize = ch.size();
            long offset = 0;
            long segRecords = 0;
            long segPoints = 0;
            long firstAppendedAt = -1;
            String problem = null;
            while (offset < fileSize) {
                RecordRead r = readRecord(ch, offset, fileSize);
                if (r.problem != null) {
                    problem = r.problem;
                    break;
                }
                if (firstAppendedAt < 0) {
                    firstAppendedAt = r.appendedAtMs;
                }
                segRecords++;
                segPoints += r.points;
                offset = r.next;
            }
            if (offset < fileSize) {
                ch.truncate(offset);
                ch.force(true);
                discarded += fileSize - offset;
                problems.add(path.getFileName() + ": discarded " + (fileSize - offset) + " bytes at offset "
                        + offset + " (" + problem + ")");
            }
            if (segRecords == 0) {
                ch.close();
                Files.delete(path);
                dirDirty = true;
                continue;
            }
            segments.put(id, new Segment(id, path, ch, offset));
            if (head == null) {
                head = new Position(id, 0);
                headAppendedAtMs = firstAppendedAt;
            }
            records += segRecords;
            points += segPoints;
            bytes += offset;
        }
        if (dirDirty) {
            forceDirectory();
            dirDirty = false;
        }
        return new Recovery(segments.size(), records, points, bytes, discarded, List.copyOf(problems));
    }

    private record RecordRead(long next, long appendedAtMs, int points, byte[] payload, String problem) {
        static RecordRead bad(String problem) {
            return new RecordRead(-1, -1, 0, null, problem);
        }
    }

    /** Reads and verifies the record at {@code offset}; a problem instead of an exception for torn or corrupt data. */
    private static RecordRead readRecord(FileChannel ch, long offset, long limit) throws IOException {
        if (limit - offset < HEADER_BYTES) {
            return RecordRead.bad("incomplete record header");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(ch, header, offset);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < BODY_PREFIX_BYTES || length > MAX_RECORD_BYTES) {
            return RecordRead.bad("impossible record length " + length);
        }
        if (limit - offset - HEADER_BYTES < length) {
            return RecordRead.bad("record of " + length + " bytes cut short");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(ch, body, offset + HEADER_BYTES);
        CRC32 c = new CRC32();
        c.update(body.array(), 0, length);
        if ((int) c.getValue() != crc) {
            return RecordRead.bad("CRC mismatch");
        }
        long appendedAt = body.getLong(0);
        int pts = body.getInt(8);
        byte[] payload = new byte[length - BODY_PREFIX_BYTES];
        System.arraycopy(body.array(), BODY_PREFIX_BYTES, payload, 0, payload.length);
        return new RecordRead(offset + HEADER_BYTES + length, appendedAt, pts, payload, null);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of spool segment at " + pos);
            }
            pos += n;
        }
    }

    /**
     * Appends one record (not yet durable: call {@link #sync}). Returns false, writing nothing, when the
     * record would take the spool past its bound.
     *
     * @param payload the record's bytes (for the store: a batch of line protocol, UTF-8)
     * @param recordPoints how many points the payload holds, for depth reporting
     * @throws IOException when the disk fails; the spool is left as it was before the call
     */
    public synchronized boolean tryAppend(byte[] payload, int recordPoints) throws IOException {
        ensureOpen();
        int length = BODY_PREFIX_BYTES + payload.length;
        if (payload.length > MAX_RECORD_BYTES - BODY_PREFIX_BYTES) {
            throw new IllegalArgumentException("spool record of " + payload.length + " bytes exceeds the "
                    + MAX_RECORD_BYTES + "-byte limit");
        }
        long recordBytes = (long) HEADER_BYTES + length;
        if (bytes + recordBytes > maxBytes) {
            return false;
        }
        if (active == null || (active.size > 0 && active.size + recordBytes > segmentBytes)) {
            rotate();
        }
        ByteBuffer buf = ByteBuffer.allocate((int) recordBytes);
        buf.putInt(length).putInt(0);
        long appendedAt = clockMs.getAsLong();
        buf.putLong(appendedAt).putInt(recordPoints).put(payload);
        CRC32 c = new CRC32();
        c.update(buf.array(), HEADER_BYTES, length);
        buf.putInt(4, (int) c.getValue());
        buf.flip();
        long offset = active.size;
        try {
            long pos = offset;
            while (buf.hasRemaining()) {
                pos += active.channel.write(buf, pos);
            }
        } catch (IOException e) {
            try {
                active.channel.truncate(offset);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        active.size += recordBytes;
        bytes += recordBytes;
        records++;
        points += recordPoints;
        dirty = true;
        if (head == null) {
            head = new Position(active.id, offset);
            headAppendedAtMs = appendedAt;
        }
        return true;
    }

    private void rotate() throws IOException {
        if (active != null && dirty) {
            active.channel.force(false);
            dirty = false;
        }
        if (segments.isEmpty() && lock == null) {
            Files.createDirectories(dir);
            acquireLock();
        }
        long id = nextSegmentId++;
        Path path = dir.resolve(String.format("%s%020d%s", PREFIX, id, SUFFIX));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        active = new Segment(id, path, ch, 0);
        segments.put(id, active);
        dirDirty = true;
    }

    /** Forces every appended record to the device; afterwards they survive a crash or power loss. */
    public synchronized void sync() throws IOException {
        ensureOpen();
        if (dirty && active != null) {
            active.channel.force(false);
            dirty = false;
        }
        if (dirDirty) {
            forceDirectory();
            dirDirty = false;
        }
    }

    /**
     * Reads records from the head without removing them: at least one (when any), then more while the
     * batch stays within {@code maxPoints} and {@code maxBytes}.
     */
    public synchronized Optional<Batch> read(long maxPoints, long maxBytesToRead) throws IOException {
        ensureOpen();
        if (head == null) {
            return Optional.empty();
        }
        Position start = head;
        Position pos = normalize(head);
        List<byte[]> payloads = new ArrayList<>();
        long batchPoints = 0;
        long batchBytes = 0;
        long oldest = headAppendedAtMs;
        while (pos != null) {
            Segment seg = segments.get(pos.segment());
            RecordRead r = readRecord(seg.channel, pos.offset(), seg.size);
            if (r.problem != null) {
                throw new IOException("spool segment " + seg.path + " is corrupt at " + pos.offset() + ": " + r.problem);
            }
            if (!payloads.isEmpty() && (batchPoints + r.points > maxPoints || batchBytes + r.payload.length > maxBytesToRead)) {
                break;
            }
            payloads.add(r.payload);
            batchPoints += r.points;
            batchBytes += r.payload.length;
            pos = normalize(new Position(seg.id, r.next));
        }
        Position end = pos == null ? endOfSpool() : pos;
        return Optional.of(new Batch(List.copyOf(payloads), batchPoints, oldest, start, end));
    }

    /** The position just after the last record. */
    private Position endOfSpool() {
        Segment last = segments.lastEntry().getValue();
        return new Position(last.id, last.size);
    }

    /** Skips to the next segment when {@code p} is at a segment's end; null when there is nothing more. */
    private Position normalize(Position p) {
        Position q = p;
        while (true) {
            Segment seg = segments.get(q.segment());
            if (seg != null && q.offset() < seg.size) {
                return q;
            }
            Map.Entry<Long, Segment> next = segments.higherEntry(q.segment());
            if (next == null) {
                return null;
            }
            q = new Position(next.getKey(), 0);
        }
    }

    /**
     * Removes a batch returned by {@link #read} (it must start at the current head). Segments whose records are
     * all acknowledged are deleted; when the spool becomes empty every file goes.
     */
    public synchronized void acknowledge(Batch batch) throws IOException {
        ensureOpen();
        if (head == null || !batch.start().equals(head)) {
            throw new IllegalStateException("acknowledge out of order: batch starts at " + batch.start()
                    + " but the head is " + head);
        }
        records -= batch.records();
        points -= batch.points();
        Position next = normalize(batch.end());
        // Delete every segment wholly before the new head (never the one being appended to unless empty).
        while (!segments.isEmpty()) {
            Segment first = segments.firstEntry().getValue();
            boolean consumed = next == null || first.id < next.segment();
            if (!consumed) {
                break;
            }
            if (first == active && next != null) {
                break;
            }
            deleteSegment(first);
        }
        if (next == null || records == 0) {
            // Empty: every segment is gone; the next append starts a fresh one.
            for (Segment s : new ArrayList<>(segments.values())) {
                deleteSegment(s);
            }
            head = null;
            headAppendedAtMs = -1;
            records = 0;
            points = 0;
            bytes = 0;
        } else {
            head = next;
            Segment seg = segments.get(next.segment());
            RecordRead r = readRecord(seg.channel, next.offset(), seg.size);
            headAppendedAtMs = r.problem == null ? r.appendedAtMs : -1;
        }
    }

    private void deleteSegment(Segment s) throws IOException {
        s.channel.close();
        Files.deleteIfExists(s.path);
        segments.remove(s.id);
        bytes -= s.size;
        if (s == active) {
            active = null;
            dirty = false;
        }
        dirDirty = true;
    }

    private void acquireLock() throws IOException {
        if (lock != null) {
            return;
        }
        lockChannel = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new IOException("spool directory " + dir + " is in use by another process or store; give each "
                    + "instance its own (equilibrium.influx.spool-dir or equilibrium.data-dir)");
        }
    }

    private void forceDirectory() {
        // fsync of the directory makes a new or deleted segment's name durable (Linux); best effort elsewhere.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // Some platforms cannot open a directory; the data itself was forced.
        }
    }

    public synchronized boolean isEmpty() {
        return records == 0;
    }

    /** Records not yet acknowledged. */
    public synchronized long records() {
        return records;
    }

    /** Points in the records not yet acknowledged. */
    public synchronized long points() {
        return points;
    }

    /** Bytes of segment files on disk (what counts against the bound). */
    public synchronized long bytes() {
        return bytes;
    }

    /** When the oldest unacknowledged record was appended (epoch ms), or -1 when empty. */
    public synchronized long oldestAppendedAtMs() {
        return records == 0 ? -1 : headAppendedAtMs;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("spool " + dir + " is closed");
        }
    }

    /** Forces pending appends and closes the files; the spool's contents stay for the next {@link #open}. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        IOException failure = null;
        try {
            sync();
        } catch (IOException e) {
            failure = e;
        }
        closed = true;
        for (Segment s : segments.values()) {
            try {
                s.channel.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        segments.clear();
        if (lock != null) {
            lock.release();
            lockChannel.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
