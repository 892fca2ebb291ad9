package chat;

import java.util.List;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.Context;
import org.genro.server.exchange.HttpError;

/**
 * The chat app. The page subscribes to {@code /chat/rooms/<room>}: the server answers that
 * as a GET of {@link #rooms}, so the reply carries the room's history, and from then on
 * every line said there arrives as an event on the same topic.
 *
 * <pre>
 * GET  /                                    the page
 * WSX  SUBSCRIBE /chat/rooms/lobby          history now, lines as they come
 * WSX  POST /chat/say {room, name, text}    a line, published to the room's topic
 * GET  /chat/rooms/lobby                    the history, over plain HTTP too
 * </pre>
 */
public class Chat extends RoutingClass {
    private static final String ROOM = "[a-z0-9][a-z0-9-]{0,31}";
    private final Rooms rooms = new Rooms();

    /** The page. */
    @Route(mime = "text/html", doc = "The chat page.")
    public String index() {
        return Page.HTML;
    }

    /** A room's last lines; subscribing to this path follows the room. */
    @Route(methods = {"GET"}, doc = "A room's last lines, oldest first; subscribing to it over WSX follows the room.")
    public List<Rooms.Line> rooms(String room) {
        return rooms.history(checkRoom(room));
    }

    /**
     * Says a line in a room: stored, then published to everyone following the room. Only
     * over WSX (the {@code channel} plugin answers plain HTTP with an error).
     */
    @Route(methods = {"POST"}, channel = "wsx",
            doc = "Says a line in a room and sends it to everyone following the room; over WSX only.")
    public Map<String, Object> say(String room, String name, String text) {
        checkRoom(room);
        String who = name == null ? "" : name.strip();
        String line = text == null ? "" : text.strip();
        if (who.isEmpty() || who.length() > 40 || line.isEmpty() || line.length() > 2000) {
            throw new HttpError(400, "a name of 1-40 characters and a line of 1-2000 are needed");
        }
        Rooms.Line said = rooms.add(room, who, line);
        if (said == null) {
            throw new HttpError(429, "the server holds as many rooms as it allows");
        }
        Context.server().wsx().publish(topic(room), said);
        return Map.of("seq", said.seq());
    }

    /** The topic of a room: the path its subscribers asked for. */
    private static String topic(String room) {
        return "/" + Context.exchange().app() + "/rooms/" + room;
    }

    private static String checkRoom(String room) {
        if (room == null || !room.matches(ROOM)) {
            throw new HttpError(400, "a room name is 1-32 lower-case letters, digits or dashes");
        }
        return room;
    }
}
