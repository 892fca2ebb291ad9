package org.genro.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which configuration values and header fields are secret, and masks them.
 *
 * <p>A name is secret by its words: split at {@code _ - .} and at lower-to-upper case
 * changes ({@code smtpPass}), it is secret when one word names a credential in any of its
 * usual spellings (pass, passwd, password, secret, token, key, apikey, credential,
 * authorization, cookie, signature, ... and their plurals), so {@code api_keys},
 * {@code signing_keys}, {@code smtp_pass} and {@code X-Auth-Token} are all caught by one
 * rule rather than by a list of whole names. Names that only mention a credential as a
 * switch ({@code allow_credentials}) or a path ({@code keystore}, one word) are not.
 * Under {@code auth.basic}, {@code auth.bearer} and {@code auth.jwt} a value is secret by
 * position: a scalar entry is the credential itself ({@code admin: s3cret}), and in an entry
 * map everything but {@code tags}, {@code algorithm} and {@code identity} is hidden. A URL
 * with user-info keeps everything but the user-info, and a string carrying an inline
 * credential ({@code password=...} in a DSN or JDBC URL) is hidden whole.
 */
public final class Secrets {

    /** What a masked value reads as. */
    static final String MASK = "***";

    /** Words that name a credential; a trailing "s" (plural) is accepted too. */
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase",
            "secret", "token", "key", "apikey", "privatekey", "hash", "credential", "creds", "private", "dsn",
            "cookie", "salt", "signature", "authorization", "otp", "sessionid");
    private static final Pattern WORD_BREAK = Pattern.compile("[_\\-.\\s]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Set<String> PUBLIC_AUTH_FIELDS = Set.of("tags", "algorithm", "identity");
    // scheme://userinfo@host: the greedy authority part runs to the last '@' before the
    // path, so a password containing '@' is hidden whole
    private static final Pattern URL_USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#\\s]*@");
    // key=value credentials inside a string: JDBC URLs, libpq DSNs, query strings
    private static final Pattern INLINE_SECRET =
            Pattern.compile("(?i)(password|passwd|pwd|passphrase|secret|token|api[_-]?key)\\s*[=:]");

    private Secrets() {
    }

    /**
     * Whether a config key or a header field name names a secret, so that its value must
     * never be shown (in {@code /_server/config}, in an access log, in an error message).
     */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("allow_") || lower.startsWith("allow-")) {
            return false; // switches such as CORS allow_credentials name a secret, they hold none
        }
        for (String word : WORD_BREAK.split(name)) {
            String w = word.toLowerCase(Locale.ROOT);
            if (SECRET_WORDS.contains(w) || w.endsWith("s") && SECRET_WORDS.contains(w.substring(0, w.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the value under this key name must never be shown. */
    static boolean isSecretKey(String key) {
        return isSecret(key);
    }

    /** Whether the value at this dotted path must never be shown. */
    static boolean isSecretPath(String path) {
        for (String part : path.split("\\.")) {
            if (isSecretKey(part)) {
                return true;
            }
        }
        return isCredential(path);
    }

    /** A deep, read-only copy of {@code tree} with secret values replaced by {@link #MASK}. */
    static Map<String, Object> mask(Map<String, Object> tree) {
        return maskMap(tree, "");
    }

    private static Map<String, Object> maskMap(Map<String, Object> map, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String childPath = path.isEmpty() ? key : path + "." + key;
            out.put(key, maskValue(key, value, childPath));
        });
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(String key, Object value, String path) {
        if (value == null) {
            return null;
        }
        if (isSecretKey(key)) {
            return MASK;
        }
        return switch (value) {
            case Map<?, ?> m -> maskMap((Map<String, Object>) m, path);
            case List<?> l -> maskList(l, key, path);
            case Object _ when isCredential(path) -> MASK;
            case String s when INLINE_SECRET.matcher(s).find() -> MASK;
            case String s -> URL_USERINFO.matcher(s).replaceFirst("$1" + MASK + "@");
            default -> value;
        };
    }

    private static List<Object> maskList(List<?> list, String key, String path) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(maskValue(key, item, path));
        }
        return Collections.unmodifiableList(out);
    }

    // Under auth.<scheme>.<name> everything is credential material except a few descriptive
    // fields: the shorthand "admin: s3cret" and any field a future scheme adds stay hidden.
    private static boolean isCredential(String path) {
        String[] parts = path.split("\\.");
        return parts.length >= 3 && parts[0].equals("auth") && isCredentialScheme(parts[1])
                && (parts.length == 3 || !PUBLIC_AUTH_FIELDS.contains(parts[parts.length - 1]));
    }

    private static boolean isCredentialScheme(String name) {
        return name.equals("basic") || name.equals("bearer") || name.equals("jwt");
    }
}
