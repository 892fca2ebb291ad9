package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a server leaves for its first use (issue 18, start time), seen in a class loader of
 * its own that reads the test class path itself: there nothing that ran earlier in this JVM
 * has loaded the server's classes or set Jackson up already, so what the loader holds is
 * what the server itself needed.
 */
class ColdStartTest {
    /** Jackson's date module, made only by the server's JSON mapper as it is set up. */
    private static final String JACKSON_SET_UP = "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule";

    /** Reads the class path itself instead of asking the application loader, and says what it has loaded. */
    private static final class Fresh extends URLClassLoader {
        Fresh() {
            super("cold-start", classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return urls.toArray(URL[]::new);
        }
    }

    private Fresh fresh;
    private Class<?> side;

    @BeforeEach
    void build() throws Exception {
        fresh = new Fresh();
        side = Class.forName(ColdStart.class.getName(), true, fresh);
        call("build");
    }

    @AfterEach
    void close() throws Exception {
        call("close");
        fresh.close();
    }

    private Object call(String name, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, String.class);
        Method m = side.getMethod(name, types);
        return m.invoke(null, args);
    }

    @Test
    void textAnswerLeavesJacksonUnset() throws Exception {
        assertFalse(fresh.loaded(JACKSON_SET_UP), "building the server set Jackson up");
        assertEquals("200 plain", call("get", "/a/text"));
        assertFalse(fresh.loaded(JACKSON_SET_UP), "a text answer set Jackson up");
        // the probe sees Jackson once something needs it
        assertEquals("200 {\"value\":1}", call("get", "/a/json"));
        assertTrue(fresh.loaded(JACKSON_SET_UP));
    }
}
