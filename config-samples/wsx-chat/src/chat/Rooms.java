package chat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms and their last lines, in memory and bounded: at most {@link #MAX_ROOMS} rooms
 * of {@link #HISTORY} lines each, so no client can make the sample grow without limit.
 */
final class Rooms {
    static final int MAX_ROOMS = 100;
    static final int HISTORY = 50;

    /** One line of chat. */
    record Line(long seq, String room, String from, String text, Instant at) {
    }

    private final Map<String, ArrayDeque<Line>> rooms = new ConcurrentHashMap<>();
    private long seq;

    /** The room's last lines, oldest first; empty for a room nobody wrote in. */
    List<Line> history(String room) {
        ArrayDeque<Line> lines = rooms.get(room);
        if (lines == null) {
            return List.of();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Adds a line; returns it, or null when the room would be one too many. */
    Line add(String room, String from, String text) {
        if (!rooms.containsKey(room) && rooms.size() >= MAX_ROOMS) {
            return null;
        }
        ArrayDeque<Line> lines = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        synchronized (lines) {
            Line line = new Line(next(), room, from, text, Instant.now());
            lines.addLast(line);
            if (lines.size() > HISTORY) {
                lines.removeFirst();
            }
            return line;
        }
    }

    private synchronized long next() {
        return ++seq;
    }
}
