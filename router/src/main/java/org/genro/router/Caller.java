package org.genro.router;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Who is asking, as far as routing cares: auth tags, environment capabilities and the
 * transport channel.
 *
 * @param tags the caller's auth tags; {@code null} means no credentials at all (an
 *     entry with an auth rule answers not-authenticated), an empty set means
 *     authenticated without tags (not-authorized)
 * @param capabilities capabilities the request environment offers, added to those of
 *     the routing classes on the way to the entry
 * @param channel the transport channel ({@code "http"}, {@code "wsx"}), or null
 */
public record Caller(Set<String> tags, Set<String> capabilities, String channel) {

    private static final Caller ANONYMOUS = new Caller(null, Set.of(), null);

    /**
     * Copies the sets so a caller cannot change under a running resolution.
     *
     * @param tags auth tags or null
     * @param capabilities capabilities or null (none)
     * @param channel channel or null
     */
    public Caller {
        tags = tags == null ? null : Set.copyOf(tags);
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    /**
     * A caller without credentials, capabilities or channel.
     *
     * @return the anonymous caller
     */
    public static Caller anonymous() {
        return ANONYMOUS;
    }

    /**
     * This caller, authenticated with these tags.
     *
     * @param tags the tags (none: authenticated without tags)
     * @return a new caller
     */
    public Caller withTags(String... tags) {
        return withTags(Arrays.asList(tags));
    }

    /**
     * This caller, authenticated with these tags.
     *
     * @param tags the tags, or null to drop the credentials
     * @return a new caller
     */
    public Caller withTags(Collection<String> tags) {
        return new Caller(tags == null ? null : Set.copyOf(tags), capabilities, channel);
    }

    /**
     * This caller with these request capabilities.
     *
     * @param capabilities the capabilities
     * @return a new caller
     */
    public Caller withCapabilities(String... capabilities) {
        return new Caller(tags, Set.copyOf(Arrays.asList(capabilities)), channel);
    }

    /**
     * This caller arriving on a channel.
     *
     * @param channel e.g. {@code "http"} or {@code "wsx"}
     * @return a new caller
     */
    public Caller withChannel(String channel) {
        return new Caller(tags, capabilities, channel);
    }

    /**
     * Whether the caller presented credentials.
     *
     * @return true when {@link #tags()} is not null
     */
    public boolean authenticated() {
        return tags != null;
    }
}
