package org.genro.server.exchange;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Content types by file extension, for files a handler returns and the static file app
 * serves. A fixed table, not the platform's guess: the same file must get the same type on
 * every machine. Text types carry {@code charset=utf-8}; JSON and XML types say their
 * encoding themselves.
 */
public final class MediaTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"), Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            // source maps are JSON (ECMA-426); a manifest has its own JSON type (W3C Web App Manifest)
            Map.entry("map", "application/json"), Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("jsonld", "application/ld+json"), Map.entry("rss", "application/rss+xml"),
            Map.entry("atom", "application/atom+xml"), Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("ics", "text/calendar; charset=utf-8"), Map.entry("apng", "image/apng"), Map.entry("bmp", "image/bmp"),
            Map.entry("m4a", "audio/mp4"), Map.entry("flac", "audio/flac"), Map.entry("opus", "audio/ogg"),
            Map.entry("oga", "audio/ogg"), Map.entry("ogv", "video/ogg"), Map.entry("mov", "video/quicktime"));

    /** For anything not in the table. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private MediaTypes() {
    }

    /** The type for a file name, or {@link #OCTET_STREAM}. */
    public static String of(Path file) {
        return ofName(file.getFileName() == null ? "" : file.getFileName().toString());
    }

    /** The type for the last segment of a '/'-separated name ({@code "css/site.css"}), or {@link #OCTET_STREAM}. */
    public static String ofName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot < name.lastIndexOf('/')) {
            return OCTET_STREAM;
        }
        String ext = name.substring(dot + 1);
        String type = BY_EXTENSION.get(ext);
        return type != null ? type : BY_EXTENSION.getOrDefault(ext.toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /**
     * The type without its parameters, lower case: {@code "Text/HTML; charset=utf-8"} is
     * {@code "text/html"}; null is "".
     */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A declared type, with {@code charset=utf-8} added to text types that name none. */
    public static String withCharset(String type) {
        if (type.startsWith("text/") && !type.contains("charset")) {
            return type + "; charset=utf-8";
        }
        return type;
    }
}
