package org.genro.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes server directories for the tests and loads them with an injected environment. */
final class Fixtures {

    private Fixtures() {
    }

    /** Writes {@code yaml} as {@code dir/config.yaml} and returns {@code dir}. */
    static Path withConfig(Path dir, String yaml) {
        write(dir.resolve(ServerConfig.CONFIG_FILE), yaml);
        return dir;
    }

    /** Writes a text file, creating its parent directories. */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code dir} with no environment, no argv and no constructor overrides. */
    static ServerConfig load(Path dir) {
        return new ServerConfig(dir, null, null, null, List.of(), Map.of());
    }

    /** Loads {@code dir/config.yaml} holding {@code yaml}. */
    static ServerConfig load(Path dir, String yaml) {
        return load(withConfig(dir, yaml));
    }

    /** Loads {@code dir} with the given environment and arguments. */
    static ServerConfig load(Path dir, Map<String, String> env, String... argv) {
        return new ServerConfig(dir, null, null, null, List.of(argv), env);
    }
}
