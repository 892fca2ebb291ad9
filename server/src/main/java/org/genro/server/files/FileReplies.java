package org.genro.server.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.genro.http.Headers;
import org.genro.http.HttpDate;
import org.genro.server.exchange.AcceptEncoding;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.Preconditions;
import org.genro.server.exchange.Reply;
import org.genro.server.files.ByteRanges.Span;
import org.genro.server.storage.Root;

/**
 * The reply for one regular file, in this order:
 * <ol>
 *   <li>the variant: a precompressed sibling ({@code app.js.br}, {@code app.js.gz}) when
 *       the client accepts its coding (the higher weight wins, br on a tie), else the file;
 *       {@code Vary: Accept-Encoding} as soon as a sibling exists, whichever is sent;</li>
 *   <li>its validators: a strong {@code ETag} from size and modification time in
 *       nanoseconds (plus the coding, so variants never share a tag), and
 *       {@code Last-Modified} (never later than now, RFC 9110 §8.8.2.1);</li>
 *   <li>the preconditions, in {@link Preconditions}' order: 412, or 304 with the
 *       validators, {@code Cache-Control} and {@code Vary};</li>
 *   <li>the ranges, for a GET with {@code Range} whose {@code If-Range} (if any) still
 *       holds, as {@link ByteRanges} plans them: 206, multipart 206 or 416; the parts
 *       are of the variant sent. Several ranges of a compressed variant are answered with
 *       the whole variant: a multipart body has no place for its coding;</li>
 *   <li>the body: small files from {@link HotFiles}, larger ones as a
 *       {@link Reply.FileRegion} that the server checks is still this version when it
 *       sends it.</li>
 * </ol>
 * The type is the requested name's, never the sibling's or a link target's.
 */
final class FileReplies {
    private static final List<String> CODINGS = List.of("br", "gzip");

    private final Lookups lookups;
    private final java.util.concurrent.ConcurrentHashMap<Path, Variant> variants = new java.util.concurrent.ConcurrentHashMap<>();
    private final HotFiles hot;
    private final CachePolicy policy;
    private final boolean precompressed;

    FileReplies(Lookups lookups, HotFiles hot, CachePolicy policy, boolean precompressed) {
        this.lookups = lookups;
        this.hot = hot;
        this.policy = policy;
        this.precompressed = precompressed;
    }

    /**
     * One form of a file: itself (coding null) or a precompressed sibling, with its tag and
     * its advertised modification time (as a value and as the field's text), worked out
     * once per version of the file: {@link #variant} keeps the last one of each path.
     */
    private record Variant(Path file, BasicFileAttributes attrs, String coding, String etag, Instant modified,
                           String lastModified) {
        static Variant of(Path file, BasicFileAttributes attrs, String coding) {
            long nanos = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            String etag = "\"" + Long.toHexString(attrs.size()) + "-" + Long.toHexString(nanos)
                    + (coding == null ? "" : "-" + coding) + "\"";
            // Last-Modified is never later than the answer's own date (RFC 9110 §8.8.2.1)
            Instant t = attrs.lastModifiedTime().toInstant();
            Instant now = Instant.now();
            Instant modified = t.isAfter(now) ? now : t;
            return new Variant(file, attrs, coding, etag, modified, HttpDate.format(modified));
        }

        /** Whether {@code now} describes the same version of the same file (a future time never does: it must be clamped again). */
        boolean current(BasicFileAttributes now) {
            return attrs.size() == now.size() && attrs.lastModifiedTime().equals(now.lastModifiedTime())
                    && java.util.Objects.equals(attrs.fileKey(), now.fileKey())
                    && !attrs.lastModifiedTime().toInstant().isAfter(modified);
        }

        long size() {
            return attrs.size();
        }

        Reply.FileRegion region(long offset, long length) {
            return new Reply.FileRegion(file, offset, length, size(), attrs.lastModifiedTime());
        }
    }

    /** The variant for this version of {@code file}: the one made last time when the file is unchanged. */
    private Variant variant(Path file, BasicFileAttributes attrs, String coding) {
        Variant known = variants.get(file);
        if (known != null && known.current(attrs) && java.util.Objects.equals(known.coding(), coding)) {
            return known;
        }
        Variant fresh = Variant.of(file, attrs, coding);
        if (variants.size() >= Lookups.MAX) {
            variants.clear(); // bounded like the lookups: endless distinct files cost what they would without it
        }
        variants.put(file, fresh);
        return fresh;
    }

    /**
     * The reply for the regular file {@code file} (its real path, with {@code attrs}),
     * requested as {@code relative} by a GET or HEAD.
     */
    Reply serve(Exchange exchange, String relative, Path file, BasicFileAttributes attrs) throws IOException {
        Variant identity = variant(file, attrs, null);
        Choice choice = precompressed ? negotiate(exchange, relative, identity) : new Choice(identity, false);
        Variant v = choice.variant();
        switch (Preconditions.evaluate(exchange.method(), exchange.request().headers(), v.etag(), v.modified())) {
            case FAILED -> {
                return Failure.answer(exchange, 412, "a precondition of the request does not hold");
            }
            case NOT_MODIFIED -> {
                return validators(Reply.of(304), v, relative, choice.varies());
            }
            case PROCEED -> {
            }
        }
        String type = MediaTypes.ofName(relative);
        Reply reply = switch (plan(exchange, v)) {
            case ByteRanges.Whole w -> whole(v, type);
            case ByteRanges.Parts p when p.spans().size() == 1 -> part(v, type, p.spans().getFirst());
            case ByteRanges.Parts p -> parts(v, type, p.spans());
            case ByteRanges.Unsatisfiable u -> Failure.answer(exchange, 416, "the range asked for is outside the file")
                    .header("Content-Range", "bytes */" + v.size());
        };
        if (v.coding() != null && reply.status() != 416) {
            reply.addHeader("Content-Encoding", v.coding());
        }
        return validators(reply, v, relative, choice.varies()).addHeader("Accept-Ranges", "bytes")
                .addHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * {@code into} with the fields a 304 repeats (RFC 9110 §15.4.5): the validators,
     * Cache-Control and Vary. Added straight onto the reply: none of these names is among
     * a body reply's own.
     */
    private Reply validators(Reply into, Variant v, String relative, boolean varies) {
        into.addHeader("ETag", v.etag()).addHeader("Last-Modified", v.lastModified());
        String cacheControl = policy.forPath(relative);
        if (cacheControl != null) {
            into.addHeader("Cache-Control", cacheControl);
        }
        if (varies) {
            into.addHeader("Vary", "Accept-Encoding");
        }
        return into;
    }

    /** What the Range field asks of {@code v}: ranges apply to a GET whose If-Range, if any, still holds. */
    private static ByteRanges.Plan plan(Exchange exchange, Variant v) {
        Headers request = exchange.request().headers();
        if (!exchange.method().equals("GET") || !request.contains("Range")
                || !Preconditions.rangeCurrent(request, v.etag(), v.modified())) {
            return ByteRanges.WHOLE;
        }
        ByteRanges.Plan plan = ByteRanges.plan(request.all("Range"), v.size());
        // a multipart body has no place for the variant's Content-Encoding: send the whole variant
        return plan instanceof ByteRanges.Parts parts && parts.spans().size() > 1 && v.coding() != null
                ? ByteRanges.WHOLE : plan;
    }

    /** The variant to send, and whether the choice depended on Accept-Encoding (a sibling exists). */
    private record Choice(Variant variant, boolean varies) {
    }

    /** The accepted variant with the highest weight, br first on a tie; the file itself when none is. */
    private Choice negotiate(Exchange exchange, String relative, Variant identity) throws IOException {
        List<String> accepted = exchange.request().headers().all("Accept-Encoding");
        Variant best = identity;
        double weight = 0;
        boolean varies = false;
        for (String coding : CODINGS) {
            Variant v = sibling(relative, coding);
            if (v == null) {
                continue;
            }
            varies = true;
            double q = AcceptEncoding.weight(accepted, coding);
            if (q > weight) {
                best = v;
                weight = q;
            }
        }
        return new Choice(best, varies);
    }

    /** The precompressed sibling for {@code coding}, through the root like any path; null when there is none. */
    private Variant sibling(String relative, String coding) throws IOException {
        String name = relative + (coding.equals("gzip") ? ".gz" : ".br");
        if (!(lookups.resolve(name) instanceof Root.Found found) || found.directory()) {
            return null;
        }
        try {
            BasicFileAttributes attrs = lookups.attributes(name, found.path());
            if (attrs.isRegularFile()) {
                return variant(found.path(), attrs, coding);
            }
        } catch (NoSuchFileException e) {
            // removed since it was looked up
        }
        lookups.forget(name); // gone or changed kind: as if it had never been there, and looked up afresh next time
        return null;
    }

    private Reply whole(Variant v, String type) throws IOException {
        byte[] content = small(v);
        return content != null ? Reply.bytes(content, type) : Reply.file(v.region(0, v.size())).contentType(type);
    }

    private Reply part(Variant v, String type, Span span) throws IOException {
        byte[] content = small(v);
        Reply reply = content != null
                ? Reply.bytes(Arrays.copyOfRange(content, (int) span.first(), (int) span.last() + 1), type)
                : Reply.file(v.region(span.first(), span.length())).contentType(type);
        return reply.status(206).header("Content-Range", "bytes " + span.first() + "-" + span.last() + "/" + v.size());
    }

    private Reply parts(Variant v, String type, List<Span> spans) throws IOException {
        Multipart body = new Multipart(type, v.size(), spans);
        byte[] content = small(v);
        if (content != null) {
            return Reply.bytes(body.from(content), body.contentType()).status(206);
        }
        Reply.FileRegion version = v.region(0, v.size());
        return Reply.stream(body.contentType(), body.length(), out -> {
            try (FileChannel file = FileChannel.open(version.file())) {
                if (!version.matches(Files.readAttributes(version.file(), BasicFileAttributes.class))) {
                    throw new IOException("the file changed while it was being served");
                }
                body.write(out, file);
            }
        }).status(206);
    }

    /** The content of a small variant, or null for a large one (or one that changed as it was read). */
    private byte[] small(Variant v) throws IOException {
        return v.size() <= HotFiles.MAX_FILE ? hot.read(v.file(), v.attrs()) : null;
    }
}
