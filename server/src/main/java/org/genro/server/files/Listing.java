package org.genro.server.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.genro.server.exchange.Html;
import org.genro.server.exchange.Reply;
import org.genro.server.storage.Root;

/**
 * A directory as a small HTML page ({@code listing: true}): directories first, then files,
 * each by name; only what the root would serve (no dotfiles unless allowed, no names it
 * refuses, no links out). Every name is escaped twice over: percent-encoded in the link,
 * HTML-escaped in the text. The page allows no script and no outside resource at all.
 */
final class Listing {
    /** The most entries shown; a larger directory says that it was cut. */
    static final int MAX_ENTRIES = 1000;
    /** The most directory entries read for one page, listed or not. */
    static final int MAX_READ = 10 * MAX_ENTRIES;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private record Item(String name, boolean directory, long size, String modified) {
    }

    private Listing() {
    }

    /**
     * The page for the directory at {@code relative} (no leading or trailing '/'; "" for
     * the root), found at {@code dir}.
     */
    static Reply of(Root root, String relative, Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        boolean cut = false;
        int read = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                // entries left out count too: a directory of a million dotfiles is not read to its end
                if (items.size() == MAX_ENTRIES || ++read > MAX_READ) {
                    cut = true;
                    break;
                }
                Item item = item(root, relative, entry.getFileName().toString());
                if (item != null) {
                    items.add(item);
                }
            }
        }
        items.sort(Comparator.comparing((Item i) -> !i.directory()).thenComparing(Item::name));
        return Reply.html(page(relative, items, cut))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache");
    }

    /** The entry as listed, or null when the root would not serve it. */
    private static Item item(Root root, String relative, String name) {
        String path = relative.isEmpty() ? name : relative + "/" + name;
        if (!(root.resolve(path) instanceof Root.Found found)) {
            return null;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(found.path(), BasicFileAttributes.class);
            if (!attrs.isDirectory() && !attrs.isRegularFile()) {
                return null; // devices, pipes and sockets are never served
            }
            return new Item(name, attrs.isDirectory(), attrs.size(), WHEN.format(attrs.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            return null; // vanished or unreadable since the directory was read
        }
    }

    private static String page(String relative, List<Item> items, boolean cut) {
        String title = "Index of /" + Html.escape(relative.isEmpty() ? "" : relative + "/");
        StringBuilder sb = new StringBuilder(256 + items.size() * 120);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em}"
                        + "td{padding:0 1.5em 0 0}td.n{text-align:right}</style></head>\n<body><h1>")
                .append(title).append("</h1>\n<table>\n");
        if (!relative.isEmpty()) {
            sb.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (Item item : items) {
            String suffix = item.directory() ? "/" : "";
            sb.append("<tr><td><a href=\"./").append(url(item.name())).append(suffix).append("\">")
                    .append(Html.escape(item.name())).append(suffix).append("</a></td><td>").append(item.modified())
                    .append("</td><td class=\"n\">").append(item.directory() ? "-" : Long.toString(item.size()))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (cut) {
            sb.append("<p>Only the first ").append(MAX_ENTRIES).append(" entries are listed.</p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** A path segment with every byte but the unreserved characters percent-encoded (RFC 3986 §2.3). */
    static String url(String segment) {
        StringBuilder sb = new StringBuilder(segment.length() * 3);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
