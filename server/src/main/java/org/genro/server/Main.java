package org.genro.server;

import java.io.IOException;
import java.net.BindException;
import java.util.List;
import org.genro.server.config.ConfigException;

/**
 * {@code java -jar genro-server.jar SERVER_DIR [--port N] [--host H] [--reload]
 * [--key.path=value ...]}: serves a server directory until SIGTERM or SIGINT.
 * Exit status 2 for a configuration error (the message names the key), 1 when the
 * server cannot start.
 */
public final class Main {
    private Main() {
    }

    /** The command line's entry point. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -jar genro-server.jar SERVER_DIR [--port N] [--host H] [--reload] [--section.key=value ...]");
            return;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // one line per event on stderr, unless the user configured logging
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
        AsgiServer server;
        try {
            server = new AsgiServer(null, null, null, null, List.of(args), null);
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
