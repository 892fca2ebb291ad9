package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.genro.server.auth.PasswordHash;
import org.junit.jupiter.api.Test;

/** {@code java -jar genro-server.jar hash-password}: a hash for the password on standard input. */
class HashPasswordCommandTest {

    private static int run(String input, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return Main.hashPassword(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsAHashThatMatchesThePasswordAndNeverThePassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run("correct horse battery\n", out, err));
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(hash.startsWith("$pbkdf2-sha256$i=600000$"), hash);
        assertTrue(PasswordHash.parse(hash).matches("correct horse battery".toCharArray()));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("horse"));
    }

    @Test
    void anEmptyInputIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run("", new ByteArrayOutputStream(), err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("non-empty password"));
    }
}
