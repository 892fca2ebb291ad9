package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Header names and values reach the wire as Latin-1: each char its own byte, obs-text
 * (0x80-0xFF) included, wherever in the buffer the text lands and however long it is.
 */
class OutputBufferLatin1Test {

    @Test
    void everyLatin1CharIsWrittenAsItsOwnByteAtEveryOffset() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            all.append(c);
        }
        String text = all.toString();
        for (int lead = 0; lead < 40; lead++) {
            for (int len : new int[] {0, 1, 7, 8, 9, 255, 256}) {
                String piece = text.substring(256 - len);
                ByteArrayOutputStream wire = new ByteArrayOutputStream();
                Limits limits = Limits.defaults();
                OutputBuffer out = new OutputBuffer(wire, new Watch(limits), limits);
                String prefix = "x".repeat(lead);
                out.writeField(prefix, piece);
                out.write('!');
                out.flush();
                assertArrayEquals((prefix + ": " + piece + "\r\n!").getBytes(ISO_8859_1), wire.toByteArray(),
                        "lead " + lead + ", length " + len);
            }
        }
    }

    @Test
    void aLongValueGrowsTheBufferAndArrivesWhole() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append((char) (0x20 + i % 0xE0));
        }
        String value = sb.toString();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Limits limits = Limits.defaults();
        OutputBuffer out = new OutputBuffer(wire, new Watch(limits), limits);
        out.writeField("Name", value);
        out.flush();
        assertArrayEquals(("Name: " + value + "\r\n").getBytes(ISO_8859_1), wire.toByteArray());
    }
}
