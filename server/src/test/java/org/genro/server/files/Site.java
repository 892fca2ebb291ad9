package org.genro.server.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.genro.server.AsgiServer;
import org.genro.server.ServerBuilder;

/**
 * A directory tree to serve and a server serving it at {@code /site/}. Next to the root
 * lies a file holding {@link #SECRET}: no answer may ever carry it.
 *
 * <pre>
 *  base/secret.txt                     the marker, outside the root
 *  base/public/                        the root
 *    index.html  hello.txt  data.bin (10000 bytes)  big.bin (1.5 MiB)  plain.txt (2000 bytes)
 *    style.css  style.css.gz  style.css.br          app.js  app.js.gz
 *    docs/index.html  docs/guide/a.txt  empty/
 *    .git/config  .hidden.txt  .well-known/security.txt
 *    link-out → ../secret.txt   dir-out → ..   link-in → hello.txt
 * </pre>
 */
final class Site implements AutoCloseable {
    static final String SECRET = "TOP-SECRET-MARKER-7f3a9c";
    static final byte[] DATA = bytes(10_000, 9);
    static final byte[] BIG = bytes(1536 * 1024 + 3, 11);
    static final byte[] CSS = ".a{color:red}\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
    static final byte[] CSS_BR = "pretend brotli bytes".getBytes(StandardCharsets.US_ASCII);
    static final byte[] JS = "console.log(1);\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
    static final byte[] PLAIN = "plain text, no sibling\n".repeat(90).getBytes(StandardCharsets.US_ASCII);

    final Path base;
    final Path root;
    final AsgiServer server;

    private Site(Path base, AsgiServer server) {
        this.base = base;
        this.root = base.resolve("public");
        this.server = server;
    }

    /** Builds the tree under {@code base} and serves it with the options {@code tune} makes of the defaults. */
    static Site start(Path base, UnaryOperator<StaticFiles.Options> tune, UnaryOperator<ServerBuilder> more)
            throws IOException {
        Path root = tree(base);
        StaticFiles app = new StaticFiles(tune.apply(StaticFiles.Options.of(root)));
        ServerBuilder builder = AsgiServer.builder().port(0).serverDir(base).mount("site", app);
        return new Site(base, more.apply(builder).start());
    }

    static Site start(Path base) throws IOException {
        return start(base, o -> o, b -> b);
    }

    int port() {
        return server.port();
    }

    static Path tree(Path base) throws IOException {
        Path root = Files.createDirectories(base.resolve("public"));
        Files.writeString(base.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>\n");
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        Files.write(root.resolve("data.bin"), DATA);
        Files.write(root.resolve("big.bin"), BIG);
        Files.write(root.resolve("plain.txt"), PLAIN);
        Files.write(root.resolve("style.css"), CSS);
        Files.write(root.resolve("style.css.gz"), gzip(CSS));
        Files.write(root.resolve("style.css.br"), CSS_BR);
        Files.write(root.resolve("app.js"), JS);
        Files.write(root.resolve("app.js.gz"), gzip(JS));
        Files.createDirectories(root.resolve("docs/guide"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>\n");
        Files.writeString(root.resolve("docs/guide/a.txt"), "guide\n");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), SECRET + " in git\n");
        Files.writeString(root.resolve(".hidden.txt"), SECRET + " hidden\n");
        Files.createDirectories(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/security.txt"), "Contact: mailto:security@example.com\n");
        Files.createSymbolicLink(root.resolve("link-out"), Path.of("../secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-out"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("link-in"), Path.of("hello.txt"));
        return root;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        server.close();
    }
}
