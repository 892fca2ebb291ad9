package org.genro.server.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.genro.server.config.ConfigException;
import org.genro.server.config.InvalidOption;
import org.genro.server.config.Section;

/**
 * Reads a static app's {@code kwargs} into {@link StaticFiles.Options}. Every failure is a
 * {@link ConfigException} naming the key inside {@code kwargs} ({@code root},
 * {@code cache_control.*.html}); the app loader puts the app's own path in front.
 */
final class OptionsReader {
    private static final Set<String> KEYS = Set.of("root", "index", "listing", "cache_control", "precompressed",
            "spa", "dotfiles", "follow_symlinks", "revalidate");

    private OptionsReader() {
    }

    /** The options {@code kwargs} give, {@code root} resolved against {@code serverDir} unless absolute. */
    static StaticFiles.Options read(Map<String, Object> kwargs, Path serverDir) {
        Section s = Section.of(kwargs, "", ConfigException::new);
        s.allowOnly(KEYS, "option");
        String dir = s.string("root", null);
        if (dir == null || dir.isBlank()) {
            throw s.error("root", "missing; name the directory to serve, e.g. root: public");
        }
        Path root = serverDir.resolve(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw s.error("root", "not a directory: " + root);
        }
        Section rules = s.section("cache_control");
        Map<String, String> cacheControl = new LinkedHashMap<>();
        for (String glob : rules.keys()) {
            String value = rules.string(glob, null);
            if (value == null) {
                throw rules.error(glob, "expected a Cache-Control value such as no-cache");
            }
            cacheControl.put(glob, value);
        }
        try {
            return new StaticFiles.Options(root, s.string("index", "index.html"), s.bool("listing", false), cacheControl,
                    s.bool("precompressed", true), s.bool("spa", false), s.bool("dotfiles", false),
                    s.bool("follow_symlinks", false), s.duration("revalidate", Duration.ofSeconds(1)));
        } catch (InvalidOption e) {
            throw new ConfigException(e.key(), e.detail());
        }
    }
}
