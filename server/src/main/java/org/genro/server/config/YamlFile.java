package org.genro.server.config;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML configuration file into plain maps, lists and scalars.
 *
 * <p>Only the safe constructor is used, so a document can never name a Java class to build.
 * Duplicate keys are an error (the second would silently win otherwise). The result holds only
 * String keys and String, Boolean, Integer, Long, Double, Map and List values.
 */
final class YamlFile {

    // Anchors and aliases are legitimate, but a handful is all a config file needs; this bounds
    // the "billion laughs" expansion long before it costs memory.
    private static final int MAX_ALIASES = 50;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_CODE_POINTS = 1 << 20;

    private YamlFile() {
    }

    /**
     * Parses the file; an empty file is an empty map.
     *
     * @param file   the file to read
     * @param origin how the file was chosen, named in errors ({@code --config}), or null
     * @throws ConfigException naming the file and line for a syntax error or a top level that is
     *                         not a map
     */
    static Map<String, Object> read(Path file, String origin) {
        Object document;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = load(in);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(location(file, e.getProblemMark()), origin, problem(e), null);
        } catch (YAMLException e) {
            // Unmarked errors (limits, encoding) carry no document text in their message.
            throw new ConfigException(file.toString(), origin, e.getMessage(), null);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), origin, "cannot read: " + e, e);
        }
        if (document == null) {
            return new LinkedHashMap<>();
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new ConfigException(file.toString(), origin,
                    "expected a map of sections at the top level, got " + Scalars.kind(document), null);
        }
        return normalizeMap(top, "", 0);
    }

    /**
     * A mutable deep copy of a tree built in Java, held to the same value types as a parsed file.
     *
     * @throws ConfigException naming the path of a key or value of another type
     */
    static Map<String, Object> copyOf(Map<String, ?> tree) {
        return normalizeMap(tree, "", 0);
    }

    /**
     * One document, read the way {@code Yaml.load(Reader)} reads it: parser, composer and safe
     * constructor under the same options. The {@code Yaml} facade is not used because it also
     * builds the dumping side (a representer with its property introspection, an emitter's
     * options), some forty classes that loaded on every start for nothing.
     */
    private static Object load(Reader in) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        SafeConstructor constructor = new SafeConstructor(options);
        // the constructor reads its limits from the options, but these three only from its
        // setters, which the facade calls: without them a duplicate key would pass
        constructor.setAllowDuplicateKeys(options.isAllowDuplicateKeys());
        constructor.setWarnOnDuplicateKeys(options.isWarnOnDuplicateKeys());
        constructor.setWrappedToRootException(options.isWrappedToRootException());
        constructor.setComposer(new Composer(new ParserImpl(new StreamReader(in), options), new NoTimestamps(), options));
        return constructor.getSingleData(Object.class);
    }

    // The problem text names the offending token; the context snippet would quote the line,
    // which may hold a password, so it is left out.
    private static String problem(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        return problem == null ? "invalid YAML" : problem;
    }

    private static String location(Path file, Mark mark) {
        return mark == null ? file.toString()
                : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private static Map<String, Object> normalizeMap(Map<?, ?> map, String path, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            if (key == null || key instanceof Map<?, ?> || key instanceof List<?>) {
                throw new ConfigException(path.isEmpty() ? "(top level)" : path,
                        "keys must be plain names, got " + Scalars.kind(key) + " as a key");
            }
            String name = key.toString();
            String childPath = path.isEmpty() ? name : path + "." + name;
            out.put(name, normalize(e.getValue(), childPath, depth + 1));
        }
        return out;
    }

    private static Object normalize(Object value, String path, int depth) {
        // An alias may point at its own ancestor; the copy would never end.
        if (depth > MAX_DEPTH) {
            throw new ConfigException(path, "nested too deeply (a recursive alias?)");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            return normalizeMap(m, path, depth);
        }
        if (value instanceof List<?> l) {
            return normalizeList(l, path, depth);
        }
        if (value instanceof BigInteger big) {
            return toLong(big, path);
        }
        throw new ConfigException(path, "unsupported YAML value of type " + value.getClass().getSimpleName());
    }

    private static List<Object> normalizeList(List<?> list, String path, int depth) {
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(normalize(list.get(i), path + "." + i, depth));
        }
        return out;
    }

    private static Long toLong(BigInteger big, String path) {
        if (big.bitLength() > 63) {
            throw new ConfigException(path, "number out of range");
        }
        return big.longValue();
    }

    /**
     * YAML 1.1 turns {@code 2025-01-15} into a {@code java.util.Date}; config values stay text
     * so that an app's kwargs receive what was written.
     */
    private static final class NoTimestamps extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }
}
