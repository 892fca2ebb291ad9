package org.genro.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.genro.server.auth.PasswordHash;
import org.genro.server.config.ConfigException;
import org.genro.server.config.ServerConfig;

/**
 * {@code java -jar genro-server.jar SERVER_DIR [--port N] [--host H] [--reload]
 * [--key.path=value ...]}: serves a server directory until SIGTERM or SIGINT.
 * Exit status 2 for a configuration error (the message names the key), 1 when the
 * server cannot start.
 */
public final class Main {
    private Main() {
    }

    /**
     * Prints the {@code password_hash} of the password on the first line of {@code in}
     * (PBKDF2-HMAC-SHA256, 600,000 iterations); the password itself is never echoed.
     * Returns the exit status.
     */
    static int hashPassword(InputStream in, PrintStream out, PrintStream err) {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                err.println("genro-server: hash-password reads a non-empty password on standard input");
                return 2;
            }
            char[] password = line.toCharArray();
            out.println(PasswordHash.create(password));
            java.util.Arrays.fill(password, '\0');
            return 0;
        } catch (IOException e) {
            err.println("genro-server: cannot read the password: " + e.getMessage());
            return 1;
        }
    }

    /** The command line's entry point. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -jar genro-server.jar SERVER_DIR [--port N] [--host H] [--reload] [--section.key=value ...]");
            System.out.println("       java -jar genro-server.jar hash-password   (reads a password on standard input)");
            return;
        }
        if (args.length > 0 && args[0].equals("hash-password")) {
            System.exit(hashPassword(System.in, System.out, System.err));
            return;
        }
        AsgiServer server;
        try {
            // One line per event on stderr, unless the user chose a pattern. The formatter goes
            // in on the config thread, which logs first: on this thread, before that one
            // starts, making the root logger's handlers held the whole start back (60 ms).
            boolean ours = LineFormat.choose();
            List<String> argv = List.of(args);
            server = new AsgiServer(() -> {
                if (ours) {
                    LineFormat.install();
                }
                return new ServerConfig(null, null, null, null, argv);
            }, null, Map.of(), null, null, null);
        } catch (ConfigException e) {
            System.err.println("genro-server: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("genro-server: cannot build the server: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            server.run();
        } catch (BindException e) {
            System.err.println("genro-server: cannot listen on " + server.config().server().host() + ":"
                    + server.config().server().port() + ": " + e.getMessage());
            System.exit(1);
        } catch (IOException | RuntimeException e) {
            System.err.println("genro-server: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }
}
