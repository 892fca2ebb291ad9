package org.genro.router.plugin;

import java.util.List;
import org.genro.router.Plugin;

/**
 * The built-in plugins by code, for configuration files that name plugins
 * ({@code plugins: [auth, logging]}).
 */
public final class Plugins {

    private Plugins() {
    }

    /**
     * The codes of the built-in plugins.
     *
     * @return {@code auth}, {@code env}, {@code channel}, {@code logging}
     */
    public static List<String> codes() {
        return List.of(AuthPlugin.CODE, EnvPlugin.CODE, ChannelPlugin.CODE, LoggingPlugin.CODE);
    }

    /**
     * A new instance of a built-in plugin.
     *
     * @param code a built-in code
     * @return the plugin
     * @throws IllegalArgumentException for an unknown code, listing the known ones
     */
    public static Plugin<?> named(String code) {
        return switch (code) {
            case AuthPlugin.CODE -> new AuthPlugin();
            case EnvPlugin.CODE -> new EnvPlugin();
            case ChannelPlugin.CODE -> new ChannelPlugin();
            case LoggingPlugin.CODE -> new LoggingPlugin();
            default -> throw new IllegalArgumentException("unknown plugin '" + code + "' (built in: "
                    + String.join(", ", codes()) + ")");
        };
    }
}
