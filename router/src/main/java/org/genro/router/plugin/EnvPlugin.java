package org.genro.router.plugin;

import java.util.Map;
import org.genro.router.Access;
import org.genro.router.Caller;
import org.genro.router.Entry;
import org.genro.router.Plugin;

/**
 * {@code env}: an entry's capability rule ({@code requires} setting, or
 * {@code @Route(env = ...)}, same grammar as auth rules) against the capabilities on
 * offer: the caller's (request environment) plus those of every routing class from the
 * entry's owner up to the top ({@code RoutingClass.capabilities()}, asked each time).
 * A rule not satisfied makes the entry NOT_AVAILABLE (503).
 */
public final class EnvPlugin implements Plugin<TagRule> {

    /** The plugin code. */
    public static final String CODE = "env";

    /** Creates the plugin. */
    public EnvPlugin() {
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String description() {
        return "Entries available only where the capabilities they require are present";
    }

    @Override
    public Map<String, Object> defaults() {
        return Map.of("requires", "");
    }

    @Override
    public TagRule compile(Map<String, Object> settings) {
        return TagRule.parse((String) settings.get("requires"));
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
        boolean ok = rule.test(c -> caller.capabilities().contains(c) || entry.router().hasCapability(c));
        return ok ? Access.ALLOWED : Access.NOT_AVAILABLE;
    }

    @Override
    public Map<String, Object> metadata(TagRule rule, Entry entry) {
        return rule.isEmpty() ? Map.of() : Map.of("requires", rule.text());
    }
}
