package org.genro.server.middleware;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes lines to standard error or to a file in batches, off the request's path. A request
 * only puts its line in a bounded queue; one thread per destination takes whatever has
 * queued up, writes it with one system call and flushes whenever the queue is empty, so a
 * line reaches the file within one batch's write of being logged, under load as when idle.
 *
 * <p>No line is dropped: when the queue is full (the disk is slower than the requests), a
 * request waits for room rather than lose its line. {@link #flushAll} waits until every
 * queued line is written; the server calls it when it stops, and a shutdown hook does when
 * the JVM exits without that. There is one writer per destination for the whole process,
 * shared by the access logs of every layer, so a reload neither reopens the file nor
 * leaves a thread behind.
 */
final class LogWriter {
    private static final Logger LOG = System.getLogger("org.genro.server.middleware");
    /** Lines waiting; at about 200 bytes each, some 13 MiB at the most. */
    static final int QUEUE = 65_536;
    private static final int BATCH = 4096;
    /** How long the writer lets lines gather after a batch that did not fill up. */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final ConcurrentHashMap<String, LogWriter> WRITERS = new ConcurrentHashMap<>();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("genro-log-flush").unstarted(
                    () -> flushAll(Duration.ofSeconds(5))));
        } catch (IllegalStateException shuttingDown) {
            // first used while the JVM stops (the server's own hook flushing): nothing was written
        }
    }

    private final String target;
    private final OutputStream out;
    private final ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong queued = new AtomicLong();
    private volatile long written;
    private final Object flushed = new Object();

    private LogWriter(String target, OutputStream out) {
        this.target = target;
        this.out = out;
        Thread.ofPlatform().daemon().name("genro-log " + target).start(this::drain);
    }

    /** The writer to standard error. */
    static LogWriter stderr() {
        return WRITERS.computeIfAbsent("stderr", t -> new LogWriter(t, new FileOutputStream(FileDescriptor.err)));
    }

    /**
     * The writer appending to {@code file} (its directory made when missing).
     *
     * @throws IOException when the file cannot be opened for appending
     */
    static LogWriter file(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            // made inside computeIfAbsent: two layers opening the same file get one writer, one thread
            return WRITERS.computeIfAbsent(absolute.toString(), target -> {
                try {
                    if (absolute.getParent() != null) {
                        Files.createDirectories(absolute.getParent());
                    }
                    return new LogWriter(target, Files.newOutputStream(absolute, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.WRITE));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Queues one line (without its newline); waits for room when the queue is full. */
    void write(String line) {
        boolean queuedIt;
        try {
            queue.put(line);
            queuedIt = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queuedIt = queue.offer(line); // the caller is being stopped: keep the line if there is room
        }
        if (queuedIt) {
            queued.incrementAndGet(); // counted once queued, so a flush never waits for a line that is not
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>(BATCH);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // a daemon thread: it ends with the JVM
            }
            queue.drainTo(batch, BATCH - 1);
            bytes.reset();
            for (String line : batch) {
                bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                bytes.write('\n');
            }
            try {
                bytes.writeTo(out);
                if (queue.isEmpty()) {
                    out.flush();
                }
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot write the log to " + target + ": " + batch.size() + " line(s) lost", e);
            }
            synchronized (flushed) {
                written += batch.size();
                flushed.notifyAll();
            }
            boolean small = batch.size() < BATCH;
            batch.clear();
            if (small) {
                // let lines gather: waking this thread for every line would cost each request a
                // futex call and every line a write of its own; the wait bounds how late a line is
                LockSupport.parkNanos(GATHER_NANOS);
            }
        }
    }

    /** Waits up to {@code limit} until every line queued so far is written; false if time ran out. */
    boolean flush(Duration limit) {
        long target = queued.get();
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (flushed) {
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(flushed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Flushes every writer of the process; the server calls it as it stops. */
    static boolean flushAll(Duration limit) {
        boolean all = true;
        for (LogWriter w : WRITERS.values()) {
            all &= w.flush(limit);
        }
        return all;
    }

    @Override
    public String toString() {
        return "LogWriter[" + target + "]";
    }
}
