package org.genro.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PBKDF2-HMAC-SHA256 against published vectors, and the stored form. */
class PasswordHashTest {

    /** The PBKDF2-HMAC-SHA256 test vectors of RFC 7914 §11. */
    @ParameterizedTest
    @CsvSource({
        "passwd, salt, 1, 55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        "Password, NaCl, 80000, 4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"})
    void knownAnswers(String password, String salt, int iterations, String expected) {
        byte[] key = PasswordHash.pbkdf2(password.toCharArray(), salt.getBytes(), iterations, 64);
        assertEquals(expected, HexFormat.of().formatHex(key));
    }

    @Test
    void anEmptyPasswordIsHashedLikeAnyOther() {
        // the expected key is what Python's hashlib.pbkdf2_hmac('sha256', b'', b'salt', 2, 32) gives
        assertEquals("62384466264daadc4144018c6bd864648272b34da8980d31521ffcce92ae003b",
                HexFormat.of().formatHex(PasswordHash.pbkdf2(new char[0], "salt".getBytes(), 2, 32)));
        String stored = PasswordHash.create(new char[0], 1000);
        assertTrue(PasswordHash.parse(stored).matches(new char[0]));
        assertFalse(PasswordHash.parse(stored).matches(" ".toCharArray()));
    }

    @Test
    void theStoredFormCarriesItsIterationsAndChecksAPassword() {
        String stored = PasswordHash.create("s3cret åß".toCharArray(), 2000);
        assertTrue(stored.startsWith("$pbkdf2-sha256$i=2000$"), stored);
        PasswordHash hash = PasswordHash.parse(stored);
        assertEquals(2000, hash.iterations());
        assertEquals(stored, hash.encoded());
        assertTrue(hash.matches("s3cret åß".toCharArray()));
        assertFalse(hash.matches("s3cret".toCharArray()));
        assertFalse(hash.toString().contains(stored.substring(stored.lastIndexOf('$'))), "no hash in logs");
        assertTrue(PasswordHash.create("x".toCharArray()).contains("$i=600000$"), "new hashes default to 600,000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plaintext|not a PBKDF2 hash",
        "$pbkdf2-sha256$i=x$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA|not a number",
        "$pbkdf2-sha256$i=10$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA|at least 1000",
        "$pbkdf2-sha256$i=5000$!!!$AAAA|not base64",
        "$pbkdf2-sha256$i=5000$AAAA$AAAA|too short",
        "$pbkdf2-sha256$i=5000$AAAAAAAAAAA|iterations, salt and hash"})
    void aBadStoredFormSaysWhatIsWrongWithoutQuotingIt(String stored, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(stored));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("AAAAAAAAAAA"), e.getMessage());
    }
}
