/**
 * The genro application server: config.yaml, mounted apps, middleware, dispatcher,
 * on the http-core engine and the router. Ships SnakeYAML and Jackson.
 */
module org.genro.server {
    requires transitive org.genro.http;
    requires transitive org.genro.router;
    requires org.yaml.snakeyaml;
    requires transitive com.fasterxml.jackson.databind; // Json.MAPPER is part of the API
    requires com.fasterxml.jackson.datatype.jsr310;
    requires java.logging; // the command line's log line (LineFormat)
    requires java.management;
    requires java.compiler;

    exports org.genro.server;
    exports org.genro.server.exchange;
    exports org.genro.server.files;
    exports org.genro.server.config;
    exports org.genro.server.middleware;
    exports org.genro.server.session;
    exports org.genro.server.storage;
    exports org.genro.server.system;
    exports org.genro.server.wsx;

    // Jackson writes the server's own records (metrics, in-flight requests) reflectively
    opens org.genro.server to com.fasterxml.jackson.databind;
}
