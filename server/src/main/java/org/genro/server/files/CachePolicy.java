package org.genro.server.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.genro.http.Headers;
import org.genro.server.config.InvalidOption;

/**
 * The {@code cache_control} option: glob patterns over paths in the root, each with the
 * {@code Cache-Control} value its files get; the first pattern that matches wins.
 *
 * <pre>
 *  pattern          matches                      why
 *  *.html           index.html, docs/a.html      no '/': the file name alone, at any depth
 *  assets/**        assets/app.js, assets/x/y    a '/': the whole path from the root
 *  **&#47;*.map     a.map, js/a.map              leading **&#47;: any directory, the root included
 *  img/?.png        img/a.png, not img/ab.png    ? is one character, never '/'
 * </pre>
 *
 * {@code *} never crosses a '/', {@code **} does. Brackets, braces and backslashes are
 * refused rather than read some other tool's way.
 */
final class CachePolicy {
    private record Rule(Pattern pattern, boolean wholePath, String value) {
    }

    private final List<Rule> rules;

    private CachePolicy(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * The policy for {@code globs}, in their order.
     *
     * @throws InvalidOption naming {@code cache_control.<glob>} for a glob or value that cannot be used
     */
    static CachePolicy of(Map<String, String> globs) {
        List<Rule> rules = new ArrayList<>();
        globs.forEach((glob, value) -> {
            String key = "cache_control." + glob;
            if (value == null || value.isBlank()) {
                throw new InvalidOption(key, "expected a Cache-Control value such as no-cache");
            }
            try {
                new Headers().set("Cache-Control", value); // the engine's own check of a field value
            } catch (IllegalArgumentException e) {
                throw new InvalidOption(key, "the value holds a control or non-Latin-1 character");
            }
            String pattern = glob.startsWith("/") ? glob.substring(1) : glob;
            rules.add(new Rule(compile(pattern, key), glob.contains("/"), value.strip()));
        });
        return new CachePolicy(List.copyOf(rules));
    }

    /** The {@code Cache-Control} value for a path relative to the root, or null. */
    String forPath(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        for (Rule rule : rules) {
            if (rule.pattern().matcher(rule.wholePath() ? relative : name).matches()) {
                return rule.value();
            }
        }
        return null;
    }

    private static Pattern compile(String glob, String key) {
        if (glob.isEmpty()) {
            throw new InvalidOption(key, "expected a glob pattern such as *.html");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (c == '*' && glob.startsWith("**", i)) {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if ("[]{}\\".indexOf(c) >= 0) {
                throw new InvalidOption(key, "brackets, braces and backslashes are not part of these globs");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
