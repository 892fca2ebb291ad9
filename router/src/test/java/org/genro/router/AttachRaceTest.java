package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.genro.router.plugin.AuthPlugin;
import org.junit.jupiter.api.Test;

/**
 * Guards a defect once found: while a branch is attached or replaced, a concurrent
 * anonymous caller must never reach an entry whose auth rule is not yet wired.
 */
class AttachRaceTest {
    /** The tree's top. */
    public static class Top extends RoutingClass {
    }

    /** An app with an entry only admins may call. */
    public static class App extends RoutingClass {
        @Route(auth = "admin")
        public String secret() {
            return "s";
        }
    }

    @Test
    void anEntryIsNeverReachableBeforeItsChecksAreWired() throws Exception {
        Top top = new Top();
        top.router().plug(new AuthPlugin());
        top.router().branch("app", new App());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong found = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (top.router().resolve("app/secret", Caller.anonymous()) instanceof Resolution.Found) {
                    found.incrementAndGet();
                }
                checked.incrementAndGet();
            }
        });
        try {
            for (int i = 0; i < 3000; i++) {
                if (i % 2 == 0) {
                    top.router().replaceBranch("app", new App());
                } else {
                    top.router().removeBranch("app");
                    top.router().branch("app", new App());
                }
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertTrue(checked.get() > 0, "the reader ran");
        assertEquals(0, found.get(), "anonymous calls that reached the admin entry");
    }
}
