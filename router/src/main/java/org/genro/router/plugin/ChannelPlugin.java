package org.genro.router.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.genro.router.Access;
import org.genro.router.Caller;
import org.genro.router.Entry;
import org.genro.router.Plugin;

/**
 * {@code channel}: entries open only to named transport channels. The {@code channels}
 * setting (or {@code @Route(channel = ...)}) is a comma-separated list of names or
 * regular expressions matched against the whole channel name; {@code *} opens all.
 * Closed by default: where this plugin applies, an entry with no channels configured,
 * or a caller with no channel, is NOT_AVAILABLE (503).
 */
public final class ChannelPlugin implements Plugin<ChannelPlugin.Channels> {

    /** The plugin code. */
    public static final String CODE = "channel";

    /**
     * Compiled channel settings.
     *
     * @param any whether every channel is open
     * @param patterns the open channels otherwise (empty: closed)
     */
    public record Channels(boolean any, List<Pattern> patterns) {}

    /** Creates the plugin. */
    public ChannelPlugin() {
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String description() {
        return "Entries open only to the transport channels they list (closed by default)";
    }

    @Override
    public Map<String, Object> defaults() {
        return Map.of("channels", "");
    }

    @Override
    public Channels compile(Map<String, Object> settings) {
        List<Pattern> patterns = new ArrayList<>();
        boolean any = false;
        for (String item : ((String) settings.get("channels")).split(",")) {
            String name = item.strip();
            if (name.equals("*")) {
                any = true;
            } else if (!name.isEmpty()) {
                try {
                    patterns.add(Pattern.compile(name));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("bad channel pattern '" + name + "': " + e.getDescription());
                }
            }
        }
        return new Channels(any, List.copyOf(patterns));
    }

    @Override
    public Access access(Channels channels, Entry entry, Caller caller) {
        String channel = caller.channel();
        if (channel == null) {
            return Access.NOT_AVAILABLE;
        }
        if (channels.any()) {
            return Access.ALLOWED;
        }
        for (Pattern p : channels.patterns()) {
            if (p.matcher(channel).matches()) {
                return Access.ALLOWED;
            }
        }
        return Access.NOT_AVAILABLE;
    }
}
