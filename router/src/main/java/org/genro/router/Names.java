package org.genro.router;

/**
 * Rules for entry and branch names. A name becomes one path segment and one key in the
 * compiled path tree, so it may not contain the tree's syntax characters.
 */
final class Names {

    /** Configuration target meaning "the whole router". */
    static final String ALL = "_all_";

    private Names() {
    }

    /**
     * Checks a name.
     *
     * @param what "entry", "branch" or "endpoint id", for the message
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException when the name cannot be a path segment
     */
    static String check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name is empty");
        }
        if (name.equalsIgnoreCase(ALL) || name.equals("?") || name.startsWith("@")) {
            throw new IllegalArgumentException(what + " name '" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '{' || c == '}' || c == ',' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(what + " name '" + name + "' contains '" + c + "'");
            }
        }
        return name;
    }

    /**
     * Removes leading and trailing '/' from a path.
     *
     * @param path a path
     * @return the path without outer slashes
     */
    static String strip(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }
}
