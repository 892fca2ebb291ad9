package org.genro.server.wsx;

import java.util.Objects;

/** A bus inside one process: publishing is delivering. */
final class LocalTopicBus implements TopicBus {
    private volatile Receiver receiver;
    private volatile boolean closed;

    @Override
    public void publish(String topic, String message) {
        Receiver r = receiver;
        if (closed || r == null) {
            throw new IllegalStateException(closed ? "the topic bus is closed" : "the topic bus is not open yet");
        }
        r.deliver(topic, message);
    }

    @Override
    public void open(Receiver receiver) {
        if (this.receiver != null) {
            throw new IllegalStateException("the topic bus is already open");
        }
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    @Override
    public void close() {
        closed = true;
    }
}
