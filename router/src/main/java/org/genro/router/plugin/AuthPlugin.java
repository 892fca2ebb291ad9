package org.genro.router.plugin;

import java.util.Map;
import org.genro.router.Access;
import org.genro.router.Caller;
import org.genro.router.Entry;
import org.genro.router.Plugin;

/**
 * {@code auth}: an entry's tag rule ({@code rule} setting, or {@code @Route(auth = ...)})
 * against the caller's tags.
 *
 * <pre>
 *  rule              caller tags        outcome
 *  ""                anything           allowed
 *  "admin"           null (no creds)    NOT_AUTHENTICATED (401)
 *  "admin"           {}                 NOT_AUTHORIZED (403)
 *  "admin | staff"   {staff}            allowed
 *  "admin &amp; !guest"  {admin, guest}     NOT_AUTHORIZED
 * </pre>
 * A rule set on a router ({@code configure("auth", Map.of("rule", "admin"))}) applies to
 * every entry below without a rule of its own. Rules are parsed when set, so a bad rule
 * fails the configuration, not a request.
 */
public final class AuthPlugin implements Plugin<TagRule> {

    /** The plugin code. */
    public static final String CODE = "auth";

    /** Creates the plugin. */
    public AuthPlugin() {
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String description() {
        return "Entries open only to callers whose tags satisfy the entry's rule";
    }

    @Override
    public Map<String, Object> defaults() {
        return Map.of("rule", "");
    }

    @Override
    public TagRule compile(Map<String, Object> settings) {
        return TagRule.parse((String) settings.get("rule"));
    }

    /** An empty rule allows everyone, so the resolution need not ask. */
    @Override
    public boolean mayRefuse(TagRule rule) {
        return !rule.isEmpty();
    }

    @Override
    public Access access(TagRule rule, Entry entry, Caller caller) {
        if (rule.isEmpty()) {
            return Access.ALLOWED;
        }
        if (caller.tags() == null) {
            return Access.NOT_AUTHENTICATED;
        }
        return rule.test(caller.tags()) ? Access.ALLOWED : Access.NOT_AUTHORIZED;
    }

    @Override
    public Map<String, Object> metadata(TagRule rule, Entry entry) {
        return rule.isEmpty() ? Map.of() : Map.of("rule", rule.text());
    }
}
