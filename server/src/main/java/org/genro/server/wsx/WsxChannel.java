package org.genro.server.wsx;

import java.util.Set;
import org.genro.http.Request;

/**
 * One WSX connection as application code sees it, from inside a call that came over it
 * ({@code Context.wsx()}) or by id from the endpoint ({@link Wsx#channel(long)}). Safe
 * from any thread; nothing here waits for the client.
 */
public interface WsxChannel {
    /** The server-assigned id, unique within this process. */
    long id();

    /**
     * Sends an event to this connection only: {@code WSX://{"topic": topic, "data": data}},
     * data written as JSON. Queued; a connection whose queue is full is closed with 1008.
     *
     * @throws IllegalArgumentException when {@code data} cannot be written as JSON
     */
    void push(String topic, Object data);

    /**
     * Subscribes this connection to {@code topic}; returns false when it already was, or when
     * it already follows as many topics as {@code wsx.max_topics} allows.
     */
    boolean subscribe(String topic);

    /** Ends a subscription; returns false when there was none. */
    boolean unsubscribe(String topic);

    /** The topics this connection is subscribed to. */
    Set<String> topics();

    /** Calls running now. */
    int inFlight();

    /** Whether the connection is still open. */
    boolean isOpen();

    /** Closes the connection with {@code code} and {@code reason}. */
    void close(int code, String reason);

    /** The opening handshake: its headers, addresses and target. */
    Request handshake();
}
