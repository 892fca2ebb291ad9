package org.genro.router;

import java.util.Map;

/**
 * A router plugin: it may deny access to entries and may wrap their calls.
 *
 * <p>A plugin is a stateless strategy. Its settings live in each router that uses it
 * (see {@link Router#configure(String, Map)}); whenever they change, the router merges
 * them per entry and calls {@link #compile} once, and the compiled form is what
 * {@link #access} and {@link #around} receive on the request path. Every plugin has an
 * {@code enabled} setting, added by the router: a disabled plugin neither denies nor
 * wraps.
 *
 * <p>Merged settings for an entry: {@link #defaults()}, then each router's own
 * settings from the top of the tree down to the entry's router (key by key), then the
 * entry's own settings (from {@link Route} or {@code configure("code/entry", ...)}).
 *
 * @param <C> the compiled settings type
 */
public interface Plugin<C> {

    /**
     * The plugin's code, unique among the plugins of one router ({@code "auth"}).
     *
     * @return a short identifier without '/'
     */
    String code();

    /**
     * One line for configuration screens.
     *
     * @return a description
     */
    default String description() {
        return "";
    }

    /**
     * Every setting the plugin accepts, with its default. The value types (String,
     * Boolean, Number) are the schema: a setting of another type is refused.
     *
     * @return setting name to default value
     */
    Map<String, Object> defaults();

    /**
     * Validates and pre-computes merged settings; called at configuration time, never
     * per request.
     *
     * @param settings merged settings, including {@code enabled}
     * @return the compiled form
     * @throws IllegalArgumentException when the settings are invalid (e.g. a bad rule)
     */
    C compile(Map<String, Object> settings);

    /**
     * Decides whether the caller may reach the entry; called on every resolution when
     * the plugin is enabled for the entry.
     *
     * @param settings the compiled settings for this entry
     * @param entry the resolved entry
     * @param caller who is asking
     * @return {@link Access#ALLOWED} or the reason to refuse
     */
    default Access access(C settings, Entry entry, Caller caller) {
        return Access.ALLOWED;
    }

    /**
     * Whether {@link #access} may refuse anyone under these settings. A resolution asks
     * only the plugins that may, so one whose settings admit every caller (an empty rule)
     * costs nothing on the request path. The default, true, is always safe; a plugin
     * that answers false must allow every caller under those settings.
     *
     * @param settings the compiled settings for an entry
     * @return false when {@link #access} allows every caller under {@code settings}
     */
    default boolean mayRefuse(C settings) {
        return true;
    }

    /**
     * Whether {@link #around} does anything; plugins that only decide access return
     * false and add no layer to the call pipeline.
     *
     * @return true when the plugin wraps calls
     */
    default boolean wraps() {
        return false;
    }

    /**
     * Wraps one call. The first plugin plugged is the outermost layer.
     *
     * @param settings the compiled settings for this entry
     * @param invocation the call
     * @param next the rest of the pipeline
     * @return the result to hand back
     * @throws Exception anything the handler or the plugin throws
     */
    default Object around(C settings, Invocation invocation, Handler next) throws Exception {
        return next.call(invocation);
    }

    /**
     * Extra facts about an entry for {@link Router#nodes()} (JSON-like values).
     *
     * @param settings the compiled settings for this entry
     * @param entry the entry
     * @return a map, empty when there is nothing to add
     */
    default Map<String, Object> metadata(C settings, Entry entry) {
        return Map.of();
    }
}
