package org.genro.server.exchange;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 §12.5.3): the weight a request gives a content
 * coding. One reader for every layer that picks a coding, so that the gzip layer and the
 * static app's precompressed files agree on what a client accepts.
 *
 * <pre>
 *  Accept-Encoding              gzip   br    identity
 *  (no field)                   0      0     1      nothing is compressed unasked
 *  gzip, br;q=0.5               1      0.5   1
 *  gzip;q=0, *                  0      1     1      an explicit item beats *
 *  *;q=0                        0      0     0      identity too, unless listed
 *  x-gzip                       1      0     1      the old name of gzip
 *  gzip;q=2, gzip;q=abc         0      0     1      a weight that is not a qvalue refuses
 * </pre>
 */
public final class AcceptEncoding {
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private AcceptEncoding() {
    }

    /**
     * The weight, 0 to 1, that the {@code Accept-Encoding} fields (all of them, in order)
     * give {@code coding} (case-insensitive): its own item's, else that of {@code *},
     * else 0 (1 for {@code identity}, which is acceptable unless excluded).
     */
    public static double weight(List<String> fields, String coding) {
        String wanted = canonical(coding);
        double own = -1;
        double any = -1;
        for (String field : fields) {
            for (String item : field.split(",")) {
                String s = item.strip();
                if (s.isEmpty()) {
                    continue;
                }
                int semicolon = s.indexOf(';');
                String name = canonical(semicolon < 0 ? s : s.substring(0, semicolon).strip());
                double q = semicolon < 0 ? 1 : qvalue(s.substring(semicolon + 1));
                if (name.equals(wanted)) {
                    own = Math.max(own, q);
                } else if (name.equals("*")) {
                    any = Math.max(any, q);
                }
            }
        }
        if (own >= 0) {
            return own;
        }
        return any >= 0 ? any : wanted.equals("identity") ? 1 : 0;
    }

    private static String canonical(String coding) {
        String c = coding.toLowerCase(Locale.ROOT);
        return c.equals("x-gzip") ? "gzip" : c; // RFC 9110 §8.4.1.3
    }

    /**
     * The {@code q} parameter among {@code params}, 1 when there is none; a weight that is
     * not a qvalue ({@code 0.###} or {@code 1.000}) counts as 0, refusing the coding.
     */
    private static double qvalue(String params) {
        for (String param : params.split(";")) {
            String p = param.strip();
            if (p.length() < 2 || (p.charAt(0) != 'q' && p.charAt(0) != 'Q') || p.charAt(1) != '=') {
                continue;
            }
            String v = p.substring(2);
            if (!QVALUE.matcher(v).matches()) {
                return 0;
            }
            return Double.parseDouble(v);
        }
        return 1;
    }
}
