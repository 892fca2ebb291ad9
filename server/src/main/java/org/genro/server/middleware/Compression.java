package org.genro.server.middleware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.zip.GZIPOutputStream;
import org.genro.http.Headers;
import org.genro.server.config.ConfigException;
import org.genro.server.config.InvalidOption;
import org.genro.server.config.Section;
import org.genro.server.exchange.AcceptEncoding;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/**
 * Gzip for replies held in memory ({@code compression}, rank 900, innermost). A reply is
 * compressed when all of these hold:
 * <ul>
 *   <li>its body is buffered (files and streams are left alone) and at least
 *       {@code minimum_size} bytes;</li>
 *   <li>its type is textual: {@code text/*}, JSON, JavaScript, XML, SVG, {@code +json} and
 *       {@code +xml} types;</li>
 *   <li>it has no {@code Content-Encoding} already (a precompressed file from the static
 *       app keeps its own) and is not a 206 part;</li>
 *   <li>the request's {@code Accept-Encoding} gives gzip (or {@code *}) a q-value above 0
 *       (the original looked for the substring "gzip" and so ignored {@code gzip;q=0});</li>
 *   <li>the gzip form is actually smaller.</li>
 * </ul>
 * Every reply of a compressible type gets {@code Accept-Encoding} merged into {@code Vary},
 * compressed or not, since which form is sent depends on that request header. A compressed
 * reply loses {@code Accept-Ranges} and a strong {@code ETag} becomes weak.
 */
public final class Compression implements Middleware {
    /** The config name. */
    public static final String NAME = "compression";
    /** The rank: innermost, so the cache (850) stores the compressed variants. */
    public static final int RANK = Layer.BUILT_IN.get(NAME);

    private final Options options;

    /**
     * The compression settings.
     *
     * @param minimumSize the smallest body worth compressing, in bytes ({@code minimum_size};
     *                    default 512: below that the gzip header and CPU cost outweigh the saving)
     * @param level       the deflate level 1-9 ({@code level}; default 6)
     */
    public record Options(int minimumSize, int level) {
        /** 512 bytes, level 6. */
        public static final Options DEFAULTS = new Options(512, 6);

        /**
         * Checks the ranges.
         *
         * @throws IllegalArgumentException naming the option at fault
         */
        public Options {
            if (minimumSize < 0) {
                throw new InvalidOption("minimum_size", "expected bytes >= 0, got " + minimumSize);
            }
            if (level < 1 || level > 9) {
                throw new InvalidOption("level", "expected an integer 1-9, got " + level);
            }
        }

        /** The options as the {@code middleware.compression} config map would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("minimum_size", minimumSize);
            out.put("level", level);
            return out;
        }

        static Options read(Map<String, Object> values, String path,
                            BiFunction<String, String, ConfigException> errors) {
            Section r = Section.of(values, path, errors);
            r.allowOnly(Set.of("minimum_size", "level"), "option");
            return new Options((int) r.size("minimum_size", 0, Integer.MAX_VALUE, DEFAULTS.minimumSize),
                    r.integer("level", 1, 9, DEFAULTS.level));
        }
    }

    /** A compression layer with these settings. */
    public Compression(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The settings in force. */
    public Options options() {
        return options;
    }

    /** This middleware placed at its rank under its name. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    /** Runs the inner layers, then gzips the reply when it qualifies. */
    @Override
    public Reply handle(Exchange exchange, Next next) throws Exception {
        Reply reply = next.proceed(exchange);
        Headers headers = reply.headers();
        int status = reply.status();
        if (!reply.buffered() || status < 200 || status == 204 || status == 206 || status == 304
                || headers.contains("Content-Encoding") || !compressible(reply.contentType())) {
            return reply;
        }
        Vary.add(headers, "Accept-Encoding");
        byte[] body = reply.body();
        if (body.length < options.minimumSize()
                || !acceptsGzip(exchange.request().headers().all("Accept-Encoding"))) {
            return reply;
        }
        byte[] gzipped = gzip(body, options.level());
        if (gzipped.length >= body.length) {
            return reply;
        }
        reply.body(gzipped);
        headers.set("Content-Encoding", "gzip");
        headers.remove("Content-Length");
        // the app's ranges count bytes of the uncompressed form: none of this body can be resumed with them
        headers.remove("Accept-Ranges");
        String etag = headers.first("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            // A strong tag names exact bytes (RFC 9110 §8.8.1); these bytes are new.
            headers.set("ETag", "W/" + etag);
        }
        return reply;
    }

    /** Whether a media type is text-like enough to gain from gzip. */
    static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = MediaTypes.essence(contentType);
        return type.startsWith("text/")
                || type.equals("application/json") || type.equals("application/javascript")
                || type.equals("application/xml") || type.equals("image/svg+xml")
                || (type.startsWith("application/") && (type.endsWith("+json") || type.endsWith("+xml")));
    }

    /**
     * Whether {@code Accept-Encoding} (all its fields) gives gzip a weight above 0; a missing
     * field means the client asked for nothing, so nothing is compressed.
     */
    static boolean acceptsGzip(List<String> fields) {
        return AcceptEncoding.weight(fields, "gzip") > 0;
    }

    static byte[] gzip(byte[] body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (GZIPOutputStream gz = new LeveledGzip(out, level)) {
            gz.write(body);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; this is for the checked signature only.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** GZIPOutputStream with a chosen deflate level (the JDK class fixes the default). */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 8192);
            def.setLevel(level);
        }
    }

    @Override
    public String toString() {
        return "Compression" + options;
    }
}
