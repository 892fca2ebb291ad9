package org.genro.server.wsx;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's subscribers by topic. Delivering only queues the event on each
 * subscriber's outbox, so a subscriber that reads slowly delays nobody; one whose outbox
 * overflows is closed by it.
 */
final class Subscriptions {
    private final ConcurrentHashMap<String, Set<WsxConnection>> byTopic = new ConcurrentHashMap<>();

    void add(String topic, WsxConnection c) {
        byTopic.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(c);
    }

    void remove(String topic, WsxConnection c) {
        // drop an emptied topic inside the map's own lock, so a concurrent add cannot land in a dropped set
        byTopic.computeIfPresent(topic, (t, set) -> set.remove(c) && set.isEmpty() ? null : set);
    }

    /** Queues {@code message} for every subscriber of {@code topic} here. */
    void deliver(String topic, String message) {
        Set<WsxConnection> subscribers = byTopic.get(topic);
        if (subscribers != null) {
            for (WsxConnection c : subscribers) {
                c.queue(message);
            }
        }
    }

    int count(String topic) {
        Set<WsxConnection> subscribers = byTopic.get(topic);
        return subscribers == null ? 0 : subscribers.size();
    }
}
