package org.genro.server.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.genro.server.config.ConfigException;
import org.genro.server.config.InvalidOption;
import org.genro.server.config.Section;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;
import org.genro.server.storage.Root;

/**
 * The files under a directory, served as an app: {@code apps: {site: {class: static,
 * kwargs: {root: public}}}}, or {@code .mount("site", StaticFiles.of(Path.of("public")))}.
 *
 * <pre>
 *  request                              answer
 *  GET, HEAD a file                     200 (or 206, 304, 412, 416): see the file rules below
 *  GET a directory, no trailing '/'     301 to the same name with '/', query kept (a relative
 *                                       Location: it can never name another host)
 *  GET a directory with '/'             its index file; else the listing when on; else 404
 *  GET a missing path                   404; with spa, the root's index when the last
 *                                       segment has no extension
 *  a path the root refuses              400, 404 or 414 (dot segments, dotfiles, Windows
 *                                       names, links out of the root...); the answer never
 *                                       repeats the path
 *  OPTIONS                              204, Allow: GET, HEAD, OPTIONS
 *  any other method                     405, same Allow
 * </pre>
 *
 * The file rules (validators, conditional requests, ranges, precompressed siblings, the
 * in-memory copy of small files) are {@link FileReplies}'. Every path, sibling and index
 * included, goes through {@link Root}; only regular files are ever opened. I/O failures
 * answer 404 (the file vanished) or 403 (it cannot be read), never naming the file.
 *
 * <p>The pipeline still applies: logging, CORS, auth, the cache layer (which keeps this
 * app's own {@code ETag}) and gzip (which compresses small text files that have no
 * precompressed sibling, and never a sibling or a 206).
 */
public final class StaticFiles implements Endpoint {
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    /** Bytes of small files each app keeps in memory. */
    static final long HOT_BYTES = 16L << 20;

    private final Options options;
    private final Root root;
    private final Lookups lookups;
    private final FileReplies files;

    /**
     * The options of a static app; each is also a {@code kwargs} key (in snake_case).
     *
     * @param root           the directory served ({@code root}); relative paths in config are
     *                       resolved against the server directory; required, must exist
     * @param index          the file a directory answers with ({@code index}; default
     *                       {@code index.html}), in every directory
     * @param listing        whether a directory without index is listed ({@code listing}; default false)
     * @param cacheControl   glob pattern → {@code Cache-Control} value, first match wins
     *                       ({@code cache_control}; default none); see {@link CachePolicy}
     * @param precompressed  whether {@code .br} and {@code .gz} siblings are served to clients
     *                       that accept them ({@code precompressed}; default true)
     * @param spa            whether a missing path without extension gets the root's index, for
     *                       single-page apps ({@code spa}; default false)
     * @param dotfiles       whether names starting with '.' are served ({@code dotfiles}; default
     *                       false; {@code .well-known} always is)
     * @param followSymlinks whether links may lead out of the root ({@code follow_symlinks};
     *                       default false: such links answer 404)
     * @param revalidate     how long what a name leads to, and the attributes of that file, are
     *                       reused before they are read again ({@code revalidate}; default 1 s,
     *                       at most an hour; 0 reads them on every request): edits, new files and
     *                       new siblings show within this time
     */
    public record Options(Path root, String index, boolean listing, Map<String, String> cacheControl,
                          boolean precompressed, boolean spa, boolean dotfiles, boolean followSymlinks,
                          Duration revalidate) {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException naming the option at fault ({@code index},
         *                                  {@code cache_control.<glob>})
         */
        public Options {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(index, "index");
            if (index.isEmpty() || index.contains("/") || index.equals(".") || index.equals("..")) {
                throw new InvalidOption("index", "expected a file name such as index.html, got " + Section.quote(index));
            }
            cacheControl = Collections.unmodifiableMap(new LinkedHashMap<>(cacheControl));
            CachePolicy.of(cacheControl);
            Objects.requireNonNull(revalidate, "revalidate");
            if (revalidate.isNegative() || revalidate.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidOption("revalidate", "expected a duration from 0s to 1h, got " + revalidate);
            }
        }

        /** The defaults, serving {@code root}. */
        public static Options of(Path root) {
            return new Options(root, "index.html", false, Map.of(), true, false, false, false, Duration.ofSeconds(1));
        }

        /** These options with another index file name. */
        public Options index(String name) {
            return new Options(root, name, listing, cacheControl, precompressed, spa, dotfiles, followSymlinks, revalidate);
        }

        /** These options with listings on or off. */
        public Options listing(boolean on) {
            return new Options(root, index, on, cacheControl, precompressed, spa, dotfiles, followSymlinks, revalidate);
        }

        /** These options with one more {@code Cache-Control} rule, after the others. */
        public Options cacheControl(String glob, String value) {
            Map<String, String> more = new LinkedHashMap<>(cacheControl);
            more.put(glob, value);
            return new Options(root, index, listing, more, precompressed, spa, dotfiles, followSymlinks, revalidate);
        }

        /** These options with precompressed siblings served or not. */
        public Options precompressed(boolean on) {
            return new Options(root, index, listing, cacheControl, on, spa, dotfiles, followSymlinks, revalidate);
        }

        /** These options with the single-page fallback on or off. */
        public Options spa(boolean on) {
            return new Options(root, index, listing, cacheControl, precompressed, on, dotfiles, followSymlinks, revalidate);
        }

        /** These options with dotfiles served or not. */
        public Options dotfiles(boolean on) {
            return new Options(root, index, listing, cacheControl, precompressed, spa, on, followSymlinks, revalidate);
        }

        /** These options with links out of the root followed or refused. */
        public Options followSymlinks(boolean on) {
            return new Options(root, index, listing, cacheControl, precompressed, spa, dotfiles, on, revalidate);
        }

        /** These options with another revalidation time (0: read on every request). */
        public Options revalidate(Duration d) {
            return new Options(root, index, listing, cacheControl, precompressed, spa, dotfiles, followSymlinks, d);
        }

        /** The options as the app's {@code kwargs} would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("root", root.toString());
            out.put("index", index);
            out.put("listing", listing);
            out.put("cache_control", cacheControl);
            out.put("precompressed", precompressed);
            out.put("spa", spa);
            out.put("dotfiles", dotfiles);
            out.put("follow_symlinks", followSymlinks);
            out.put("revalidate", revalidate.toMillis() + "ms");
            return out;
        }
    }

    /**
     * A static app with these options.
     *
     * @throws IllegalArgumentException naming {@code root} when it is not a readable
     *                                  directory, or {@code index} when the root would refuse it
     */
    public StaticFiles(Options options) {
        this(options, false);
    }

    /**
     * A static app from an {@code apps} entry's kwargs, with relative paths resolved
     * against {@code serverDir}: how {@code class: static} is built.
     *
     * @throws ConfigException naming the kwarg at fault
     */
    public StaticFiles(Map<String, Object> kwargs, Path serverDir) {
        this(OptionsReader.read(kwargs, serverDir), true);
    }

    /** @param config whether a refused option is reported as a config error (naming its kwarg) */
    private StaticFiles(Options options, boolean config) {
        this.options = Objects.requireNonNull(options, "options");
        try {
            this.root = open(options);
        } catch (InvalidOption e) {
            throw config ? new ConfigException(e.key(), e.detail()) : e;
        }
        this.lookups = new Lookups(root, options.revalidate().toNanos());
        this.files = new FileReplies(lookups, new HotFiles(HOT_BYTES), CachePolicy.of(options.cacheControl()),
                options.precompressed());
    }

    /** The root the options name, checked to be a directory whose index name it would serve. */
    private static Root open(Options options) {
        Root root;
        try {
            root = Root.of(options.root(), options.dotfiles(), options.followSymlinks());
        } catch (IOException e) {
            throw new InvalidOption("root", "not a readable directory: " + options.root().toAbsolutePath().normalize());
        }
        if (root.check(options.index()) != null) {
            throw new InvalidOption("index", "a name the root does not serve: " + options.index());
        }
        return root;
    }

    /** A static app serving {@code root} with the default options. */
    public static StaticFiles of(Path root) {
        return new StaticFiles(Options.of(root));
    }

    /** The options in force. */
    public Options options() {
        return options;
    }

    /** Answers one request for what {@link Exchange#appPath()} names, as the table above says. */
    @Override
    public Reply serve(Exchange exchange) throws IOException {
        String method = exchange.method();
        if (method.equals("OPTIONS")) {
            return Reply.of(204).header("Allow", ALLOW);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Failure.answer(exchange, Rejection.METHOD_NOT_ALLOWED).header("Allow", ALLOW);
        }
        String relative = exchange.appPath();
        return switch (lookups.resolve(relative)) {
            case Root.Refused r -> Failure.answer(exchange, r.status(), r.reason());
            case Root.Missing m -> missing(exchange, relative);
            case Root.Found f when f.directory() -> directory(exchange, relative, f.path());
            case Root.Found f when slashed(exchange.path()) -> notFound(exchange); // a file is no directory
            case Root.Found f -> file(exchange, relative, f.path());
        };
    }

    private Reply file(Exchange exchange, String relative, Path file) throws IOException {
        return file(exchange, relative, file, true);
    }

    /** @param mayRetry whether a file found gone (or turned into a link) may be looked up again, once */
    private Reply file(Exchange exchange, String relative, Path file, boolean mayRetry) throws IOException {
        BasicFileAttributes attrs;
        try {
            // not through links: a remembered real path whose last segment has become a
            // link is looked up again, through the root, rather than followed
            attrs = lookups.attributes(relative, file);
            if (attrs.isSymbolicLink()) {
                throw new NoSuchFileException(relative);
            }
        } catch (NoSuchFileException e) {
            return mayRetry ? again(exchange, relative) : notFound(exchange);
        } catch (AccessDeniedException e) {
            return Failure.answer(exchange, 403, "this file may not be read");
        }
        if (!attrs.isRegularFile()) {
            return notFound(exchange); // a device, pipe or socket is never opened
        }
        try {
            return files.serve(exchange, relative, file, attrs);
        } catch (NoSuchFileException e) {
            // a remembered sibling is gone, or the file went between two looks
            return mayRetry ? again(exchange, relative) : notFound(exchange);
        } catch (AccessDeniedException e) {
            return Failure.answer(exchange, 403, "this file may not be read");
        }
    }

    /** What was remembered of {@code relative} no longer holds: forget it and its siblings, and look once more. */
    private Reply again(Exchange exchange, String relative) throws IOException {
        lookups.forget(relative);
        lookups.forget(relative + ".gz");
        lookups.forget(relative + ".br");
        if (lookups.resolve(relative) instanceof Root.Found f && !f.directory()) {
            return file(exchange, relative, f.path(), false);
        }
        return notFound(exchange); // removed since it was resolved
    }

    private Reply directory(Exchange exchange, String relative, Path dir) throws IOException {
        String raw = exchange.path();
        if (!slashed(raw)) {
            // relative to the URL the client sent, so it holds under any mount or main app
            String last = raw.substring(raw.lastIndexOf('/') + 1);
            String query = exchange.request().query();
            return Reply.redirect(301, "./" + last + "/" + (query.isEmpty() ? "" : "?" + query));
        }
        String index = relative.isEmpty() ? options.index() : relative + "/" + options.index();
        if (lookups.resolve(index) instanceof Root.Found found && !found.directory()) {
            return file(exchange, index, found.path());
        }
        return options.listing() ? Listing.of(root, relative, dir) : notFound(exchange);
    }

    private Reply missing(Exchange exchange, String relative) throws IOException {
        String last = relative.substring(relative.lastIndexOf('/') + 1);
        if (options.spa() && last.indexOf('.') < 0
                && lookups.resolve(options.index()) instanceof Root.Found found && !found.directory()) {
            return file(exchange, options.index(), found.path());
        }
        return notFound(exchange);
    }

    /**
     * Whether the path as sent names a directory: it ends with '/', or with a dot segment
     * (which the server resolved away, so the client's own URL already points inside).
     */
    private static boolean slashed(String raw) {
        String last = raw.substring(raw.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return last.isEmpty() || last.equals(".") || last.equals("..") || last.equals("%2e")
                || last.equals("%2e%2e") || last.equals(".%2e") || last.equals("%2e.");
    }

    private static Reply notFound(Exchange exchange) {
        return Failure.answer(exchange, Rejection.NOT_FOUND);
    }

    @Override
    public String toString() {
        return "StaticFiles[" + options.root() + "]";
    }
}
