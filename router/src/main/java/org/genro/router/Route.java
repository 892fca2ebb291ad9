package org.genro.router;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a {@link RoutingClass} as an entry, reachable by its name.
 *
 * <pre>{@code
 * @Route(auth = "admin | editor", methods = {"POST"}, mime = "application/json")
 * public Article save(String id, Article article) { ... }
 * }</pre>
 * Arguments bind by parameter name (compile with {@code -parameters}); see
 * {@link Entry#invoke}. Route markers are not inherited through overriding: a subclass
 * that overrides a routed method without {@code @Route} removes the entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Route {

    /**
     * The entry name; empty means the method name.
     *
     * @return the entry name
     */
    String name() default "";

    /**
     * Media type of the result, e.g. {@code text/html}; empty lets the transport decide.
     *
     * @return the mime type
     */
    String mime() default "";

    /**
     * Tag rule for the {@code auth} plugin, e.g. {@code "admin | (staff & !guest)"};
     * empty means no rule. Takes effect where an auth plugin is plugged.
     *
     * @return the tag rule
     */
    String auth() default "";

    /**
     * Capability rule for the {@code env} plugin, same grammar as {@link #auth()}.
     *
     * @return the capability rule
     */
    String env() default "";

    /**
     * Channels for the {@code channel} plugin: comma-separated names or patterns
     * ({@code "http,wsx"}, {@code "*"}).
     *
     * @return the channel list
     */
    String channel() default "";

    /**
     * HTTP methods the entry answers; empty means any. The server answers other methods
     * with 405 and an {@code Allow} header built from this list.
     *
     * @return upper-case method names
     */
    String[] methods() default {};

    /**
     * An endpoint id, unique in the tree, resolvable as {@code @id} from any router.
     *
     * @return the endpoint id, or empty
     */
    String id() default "";

    /**
     * What the entry does, for people: the API explorer shows it and the OpenAPI document
     * takes its first line as the summary and the whole as the description. Javadoc is
     * gone at run time, so this is where an entry documents itself.
     *
     * @return the doc text, or empty
     */
    String doc() default "";

    /**
     * Free metadata as {@code key=value} strings, shown by {@link Router#nodes()}.
     *
     * @return metadata pairs
     */
    String[] meta() default {};

    /**
     * Per-entry plugin settings as {@code plugin.key=value}, e.g.
     * {@code "logging.after=false"}; validated when the plugin is plugged.
     *
     * @return setting triples
     */
    String[] config() default {};
}
