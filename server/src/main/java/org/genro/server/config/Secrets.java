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
 * Decides which configuration values are secret and masks them.
 *
 * <p>A key is secret by its name (password, secret, token, hash, credential, key material).
 * Under {@code auth.basic}, {@code auth.bearer} and {@code auth.jwt} a value is secret by
 * position: a scalar entry is the credential itself ({@code admin: s3cret}), and in an entry
 * map everything but {@code tags}, {@code algorithm} and {@code identity} is hidden. A URL
 * with user-info keeps everything but the user-info, and a string carrying an inline
 * credential ({@code password=...} in a DSN or JDBC URL) is hidden whole.
 */
final class Secrets {

    /** What a masked value reads as. */
    static final String MASK = "***";

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "passphrase",
            "secret", "token", "hash", "credential", "private", "dsn", "cookie", "salt", "signature");
    private static final Set<String> PUBLIC_AUTH_FIELDS = Set.of("tags", "algorithm", "identity");
    // scheme://userinfo@host: the greedy authority part runs to the last '@' before the
    // path, so a password containing '@' is hidden whole
    private static final Pattern URL_USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#\\s]*@");
    // key=value credentials inside a string: JDBC URLs, libpq DSNs, query strings
    private static final Pattern INLINE_SECRET =
            Pattern.compile("(?i)(password|passwd|pwd|passphrase|secret|token|api[_-]?key)\\s*[=:]");

    private Secrets() {
    }

    /** Whether the value under this key name must never be shown. */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("allow_")) {
            return false; // switches such as CORS allow_credentials name a secret, they hold none
        }
        for (String word : SECRET_WORDS) {
            if (k.contains(word)) {
                return true;
            }
        }
        // "key", "api_key", "storage_key", "privatekey"; not "keystore", which is a path.
        return k.endsWith("key");
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
