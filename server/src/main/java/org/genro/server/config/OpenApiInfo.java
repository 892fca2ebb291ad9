package org.genro.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code openapi} section's core: the {@code info} object of the generated OpenAPI
 * document. Other info fields ({@code summary}, {@code contact}, {@code license},
 * {@code terms_of_service}) stay in {@code section("openapi")}.
 *
 * @param title       API title [{@code title}]
 * @param version     API version [{@code version}]; quote it in YAML, {@code 2.10} is a number
 * @param description longer description [{@code description}], if any
 */
public record OpenApiInfo(String title, String version, Optional<String> description) {

    /** Used when the section is missing. */
    public static final OpenApiInfo DEFAULTS =
            new OpenApiInfo("genro-server API", "0.1.0", Optional.empty());

    /** Checks that no component is null. */
    public OpenApiInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
    }
}
