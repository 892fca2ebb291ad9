package org.genro.server.wsx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.genro.http.CloseCode;
import org.genro.http.Limits;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;

class WsxConnectionTest {
    private final BlockingQueue<WsxRequest> seen = new LinkedBlockingQueue<>();

    /** Echoes what it was asked as JSON: method, target, a few fields and the body. */
    private Reply echo(WsxRequest r) {
        seen.add(r);
        String body = new String(r.bodyBytes(), StandardCharsets.UTF_8);
        return Reply.bytes(("{\"method\":\"" + r.method() + "\",\"target\":" + Json.MAPPER.valueToTree(r.target())
                + ",\"body\":" + Json.MAPPER.valueToTree(body) + "}").getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static Wsx hub(WsxSettings settings, Function<WsxRequest, Reply> dispatch) {
        return new Wsx(settings, Limits.defaults(), TopicBus.local(), dispatch);
    }

    private static WsxSettings settings(int maxInFlight, int queue) {
        return new WsxSettings(true, "/_wsx", Set.of(), maxInFlight, queue, 1 << 20, 4);
    }

    private static WsxConnection open(Wsx hub, long id, FakeSession session) {
        WsxConnection c = new WsxConnection(hub, id, "http://localhost:8000");
        c.onOpen(session);
        return c;
    }

    private static JsonNode read(String message) throws Exception {
        assertTrue(message.startsWith("WSX://"), message);
        return Json.MAPPER.readTree(message.substring(6));
    }

    @Test
    void answersACallWithItsIdStatusAndData() throws Exception {
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, this::echo), 1, s);
        c.onText(s, "WSX://{\"id\":\"q1\",\"method\":\"post\",\"path\":\"/shop/orders\",\"query\":{\"dry\":1},\"data\":{\"n\":2}}");
        JsonNode reply = read(s.next());
        assertEquals("q1", reply.get("id").textValue());
        assertEquals(200, reply.get("status").intValue());
        assertEquals("POST", reply.get("data").get("method").textValue());
        assertEquals("/shop/orders?dry=1", reply.get("data").get("target").textValue());
        assertEquals("{\"n\":2}", reply.get("data").get("body").textValue());
        WsxRequest r = seen.take();
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("7", r.header("Content-Length"));
        assertEquals(7, r.contentLength());
    }

    @Test
    void answersWhatIsNotWsxWithAnErrorAndStaysOpen() throws Exception {
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, this::echo), 1, s);
        c.onText(s, "hello");
        JsonNode error = read(s.next());
        assertEquals(400, error.get("status").intValue());
        assertTrue(error.get("id").isNull());
        c.onBinary(s, new byte[] {1, 2});
        assertEquals(400, read(s.next()).get("status").intValue());
        c.onText(s, "WSX://{\"id\":3,\"method\":\"GET\",\"headers\":{\"Host\":\"x\"}}");
        JsonNode refused = read(s.next());
        assertEquals(3, refused.get("id").intValue(), "a call whose id was read gets it back with the error");
        assertTrue(s.isOpen());
        assertTrue(seen.isEmpty(), "nothing malformed reached the application");
    }

    @Test
    void carriesTheHandshakeCredentialsUnlessTheCallGivesItsOwn() throws Exception {
        FakeSession s = new FakeSession(new FakeSession.Handshake().header("Authorization", "Bearer conn")
                .header("Cookie", "sid=s1").header("Accept-Language", "it").header("Accept-Encoding", "gzip, br"));
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, this::echo), 1, s);
        c.onText(s, "WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/a\"}");
        s.next();
        WsxRequest first = seen.take();
        assertEquals("Bearer conn", first.header("Authorization"));
        assertEquals("sid=s1", first.header("Cookie"));
        assertEquals("it", first.header("Accept-Language"));
        assertEquals("http://localhost:8000", first.header("Origin"), "the handshake settled the origin");
        assertEquals("application/json", first.header("Accept"));
        assertNull(first.header("Upgrade"));
        assertNull(first.header("Accept-Encoding"), "a browser's handshake must not make replies gzip");
        assertNull(first.header("Sec-WebSocket-Key"));
        assertEquals("localhost:8000", first.authority());
        c.onText(s, "WSX://{\"id\":2,\"method\":\"GET\",\"path\":\"/a\",\"headers\":{\"Authorization\":\"Bearer call\","
                + "\"Accept\":\"text/plain\"},\"cookies\":{\"sid\":\"s2\"}}");
        s.next();
        WsxRequest second = seen.take();
        assertEquals("Bearer call", second.header("Authorization"));
        assertEquals("sid=s2", second.header("Cookie"));
        assertEquals("text/plain", second.header("Accept"));
        assertEquals(1, second.headers().all("Authorization").size());
    }

    @Test
    void keepsCookiesThatRepliesSetForTheCallsAfterThem() throws Exception {
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, r -> {
            seen.add(r);
            return r.path().equals("/login") ? Reply.ok().addHeader("Set-Cookie", "session_id=new; Path=/; HttpOnly")
                    : Reply.ok();
        }), 1, s);
        c.onText(s, "WSX://{\"id\":1,\"method\":\"POST\",\"path\":\"/login\"}");
        assertFalse(s.next().contains("session_id"), "the cookie's value never reaches the page");
        seen.take();
        c.onText(s, "WSX://{\"id\":2,\"method\":\"GET\",\"path\":\"/me\"}");
        s.next();
        assertEquals("session_id=new", seen.take().header("Cookie"));
    }

    @Test
    void repliesInTheOrderCallsFinishNotTheOrderTheyCame() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, r -> {
            if (r.path().equals("/slow")) {
                await(slow);
            }
            return Reply.text(r.path());
        }), 1, s);
        c.onText(s, "WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/slow\"}");
        c.onText(s, "WSX://{\"id\":2,\"method\":\"GET\",\"path\":\"/fast\"}");
        assertEquals(2, read(s.next()).get("id").intValue());
        slow.countDown();
        assertEquals(1, read(s.next()).get("id").intValue());
    }

    @Test
    void refusesCallsOverTheInFlightBoundWith429() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(settings(2, 100), r -> {
            started.countDown();
            await(release);
            return Reply.ok();
        }), 1, s);
        for (int i = 1; i <= 3; i++) {
            c.onText(s, "WSX://{\"id\":" + i + ",\"method\":\"GET\"}");
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        JsonNode refused = read(s.next());
        assertEquals(3, refused.get("id").intValue());
        assertEquals(429, refused.get("status").intValue());
        assertEquals(2, c.inFlight());
        release.countDown();
        Set<Integer> done = new HashSet<>();
        done.add(read(s.next()).get("id").intValue());
        done.add(read(s.next()).get("id").intValue());
        assertEquals(Set.of(1, 2), done);
        c.onText(s, "WSX://{\"id\":4,\"method\":\"GET\"}");
        assertEquals(200, read(s.next()).get("status").intValue(), "permits come back when calls end");
    }

    @Test
    void subscribesOnlyWhenTheTopicCanBeReadAndDeliversEvents() throws Exception {
        FakeSession s = new FakeSession();
        Wsx hub = hub(WsxSettings.DEFAULTS, r -> {
            seen.add(r);
            return r.path().startsWith("/secret") ? Reply.of(403) : Reply.bytes("[]".getBytes(), "application/json");
        });
        WsxConnection c = open(hub, 1, s);
        c.onText(s, "WSX://{\"id\":1,\"method\":\"SUBSCRIBE\",\"path\":\"/chat/rooms/lobby\"}");
        JsonNode ok = read(s.next());
        assertEquals(200, ok.get("status").intValue());
        WsxRequest asked = seen.take();
        assertEquals("GET", asked.method(), "a subscription is answered as a read of its topic");
        assertTrue(asked.subscribing());
        c.onText(s, "WSX://{\"id\":2,\"method\":\"SUBSCRIBE\",\"path\":\"/secret/x\"}");
        assertEquals(403, read(s.next()).get("status").intValue());
        assertEquals(Set.of("/chat/rooms/lobby"), c.topics());

        hub.publish("/chat/rooms/lobby", List.of("hi"));
        hub.publish("/secret/x", List.of("no"));
        JsonNode event = read(s.next());
        assertEquals("/chat/rooms/lobby", event.get("topic").textValue());
        assertEquals("hi", event.get("data").get(0).textValue());

        c.onText(s, "WSX://{\"id\":3,\"method\":\"UNSUBSCRIBE\",\"path\":\"/chat/rooms/lobby\"}");
        JsonNode gone = read(s.next());
        assertEquals(200, gone.get("status").intValue());
        assertTrue(gone.get("data").get("was").booleanValue());
        hub.publish("/chat/rooms/lobby", List.of("after"));
        assertNull(s.sent.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, hub.subscriberCount("/chat/rooms/lobby"));
    }

    @Test
    void boundsSubscriptionsPerConnection() throws Exception {
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(settings(8, 100), r -> Reply.ok()), 1, s);
        for (int i = 0; i < 5; i++) {
            c.onText(s, "WSX://{\"id\":" + i + ",\"method\":\"SUBSCRIBE\",\"path\":\"/t/" + i + "\"}");
            int status = read(s.next()).get("status").intValue();
            assertEquals(i < 4 ? 200 : 429, status, "subscription " + i);
        }
    }

    @Test
    void closesASubscriberThatFallsBehindWithoutDelayingTheOthers() throws Exception {
        Wsx hub = hub(settings(8, 4), r -> Reply.ok());
        FakeSession slow = new FakeSession();
        FakeSession fast = new FakeSession();
        WsxConnection a = open(hub, 1, slow);
        WsxConnection b = open(hub, 2, fast);
        a.subscribe("/news");
        b.subscribe("/news");
        CountDownLatch never = new CountDownLatch(1);
        slow.holdSends = never; // a client that stopped reading
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hub.publish("/news", i); // returns at once although one subscriber is stuck
            got.add(read(fast.next()).get("data").intValue());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), got);
        assertTrue(slow.closed.await(5, TimeUnit.SECONDS), "the slow one is closed");
        assertEquals(CloseCode.POLICY_VIOLATION, slow.closeCode);
        never.countDown();
        assertTrue(fast.isOpen());
    }

    @Test
    void aPublisherReturnsWhileTheCallThreadDrainsToASlowClient() throws Exception {
        Wsx hub = hub(settings(8, 100), r -> Reply.ok());
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub, 1, s);
        c.subscribe("/t");
        CountDownLatch held = new CountDownLatch(1);
        s.holdSends = held;
        c.onText(s, "WSX://{\"id\":1,\"method\":\"GET\"}"); // its thread drains, stuck on the socket
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            hub.publish("/t", i);
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "publishing never waits for the socket");
        held.countDown();
        List<Integer> events = new ArrayList<>();
        boolean replied = false;
        for (int i = 0; i < 21; i++) {
            JsonNode m = read(s.next());
            if (m.has("id")) {
                replied = true;
            } else {
                events.add(m.get("data").intValue());
            }
        }
        assertTrue(replied);
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), events, "events keep their order");
    }

    /** max_topics was checked only before a SUBSCRIBE call ran: app code and calls in flight got past it. */
    @Test
    void theTopicBoundHoldsWhoeverSubscribes() throws Exception {
        Wsx hub = hub(settings(8, 64), r -> Reply.ok()); // at most 4 topics
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub, 9, s);
        for (int i = 0; i < 4; i++) {
            assertTrue(c.subscribe("/t" + i));
        }
        assertFalse(c.subscribe("/t4"), "a fifth topic from app code is refused");
        assertEquals(0, hub.subscriberCount("/t4"));
        assertFalse(c.subscribe("/t0"), "already subscribed");
        assertTrue(c.unsubscribe("/t0"));
        assertTrue(c.subscribe("/t4"), "room again");
    }

    @Test
    void forgetsItsSubscriptionsWhenItCloses() throws Exception {
        Wsx hub = hub(WsxSettings.DEFAULTS, r -> Reply.ok());
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub, 7, s);
        c.subscribe("/a");
        c.subscribe("/b");
        assertEquals(c, hub.channel(7));
        c.onClose(s, 1000, "");
        assertEquals(0, hub.subscriberCount("/a") + hub.subscriberCount("/b"));
        assertNull(hub.channel(7));
        assertEquals(0, hub.connectionCount());
    }

    @Test
    void answersACallThatFailsWith500AndCarriesOn() throws Exception {
        FakeSession s = new FakeSession();
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, r -> {
            throw new IllegalStateException("bug");
        }), 1, s);
        c.onText(s, "WSX://{\"id\":1,\"method\":\"GET\"}");
        JsonNode e = read(s.next());
        assertEquals(500, e.get("status").intValue());
        assertFalse(e.toString().contains("bug"), "no detail leaks: " + e);
        assertTrue(s.isOpen());
    }

    @Test
    void answersAReplyTooLargeForOneMessageWith500() throws Exception {
        FakeSession s = new FakeSession();
        int max = Limits.defaults().wsMessage();
        WsxConnection c = open(hub(WsxSettings.DEFAULTS, r -> Reply.stream("text/plain", out -> {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < max / chunk.length + 2; i++) {
                out.write(chunk);
            }
        })), 1, s);
        c.onText(s, "WSX://{\"id\":1,\"method\":\"GET\"}");
        assertEquals(500, read(s.next()).get("status").intValue());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
