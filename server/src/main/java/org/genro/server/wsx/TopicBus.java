package org.genro.server.wsx;

/**
 * The seam through which WSX events reach topic subscribers. In one process the bus is
 * {@link #local()}: a publish is delivered at once, on the publisher's thread. Several
 * instances behind a balancer will share a bus that carries each event to every instance
 * (each then hands it to its own subscribers), so nothing here may assume that the
 * publisher and the subscriber live in the same process.
 *
 * <p>Events travel encoded, as the text the subscribers will receive: encoding happens
 * once per publish, whatever the number of subscribers.
 */
public interface TopicBus extends AutoCloseable {
    /**
     * Carries {@code message} to the subscribers of {@code topic} on every instance sharing
     * the bus, this one included. Must not wait for any subscriber.
     */
    void publish(String topic, String message);

    /**
     * Starts delivering to this instance: {@code receiver} is called with each event
     * published on the bus from now on. Called once, before the first publish.
     */
    void open(Receiver receiver);

    /** Stops delivering; publishing after this is an error. */
    @Override
    default void close() {
    }

    /** The bus of a single process. */
    static TopicBus local() {
        return new LocalTopicBus();
    }

    /** Where a bus hands the events to this instance. */
    @FunctionalInterface
    interface Receiver {
        /** Hands {@code message} to this instance's subscribers of {@code topic}; never blocks on them. */
        void deliver(String topic, String message);
    }
}
