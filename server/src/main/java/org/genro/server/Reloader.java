package org.genro.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Watches a server directory (config, {@code classes/}, {@code lib/}, resources) and
 * asks the server to reload its application layer when something changes. Changes
 * arriving together (a build writing many classes) are gathered for a quiet period of
 * 300 ms before one reload.
 */
final class Reloader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.genro.server.reload");
    private static final long QUIET_MILLIS = 300;

    private final AsgiServer server;
    private final WatchService watcher;
    private final Thread thread;

    private Reloader(AsgiServer server, Path dir) throws IOException {
        this.server = server;
        this.watcher = FileSystems.getDefault().newWatchService();
        register(dir);
        this.thread = Thread.ofPlatform().daemon(true).name("genro-reload").start(this::loop);
    }

    static Reloader watch(AsgiServer server, Path dir) throws IOException {
        return new Reloader(server, dir);
    }

    private void register(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(root) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean relevant = drain(key);
                // gather the rest of a burst before reloading once
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant) {
                    server.reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Consumes a key's events; new directories are watched too. Ignores the persisted plugin config. */
    private boolean drain(WatchKey key) {
        boolean relevant = false;
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (!(event.context() instanceof Path name)) {
                relevant = true; // overflow: reload to be safe
                continue;
            }
            String file = name.toString();
            if (file.startsWith(".") || file.endsWith("~") || file.startsWith("plugin_config.json")) {
                continue;
            }
            relevant = true;
            Path full = dir.resolve(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
                try {
                    register(full);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot watch " + full + ": " + e.getMessage());
                }
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the watcher failed", e);
        }
        thread.interrupt();
    }
}
