package org.genro.server.exchange;

/** The rest of the pipeline after a middleware: the inner layers, then the app. */
@FunctionalInterface
public interface Next {
    /** Runs the inner layers for {@code exchange}. */
    Reply proceed(Exchange exchange) throws Exception;
}
