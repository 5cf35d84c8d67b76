package io.filesync.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Source entries the user leaves out of a plan, by glob patterns (the CLI's {@code --exclude}, the window's list).
 * A left-out entry is planned as skipped, "excluded by PATTERN"; a left-out folder is that one entry, and nothing in
 * it is read (like rsync's and robocopy's exclusions, so a cache folder of a million files costs nothing).
 * Patterns, matched against the path relative to the source folder, with {@code /} between names, case-sensitive:
 * <ul>
 *   <li>without a {@code /}: a name at any depth ({@code Thumbs.db}, {@code *.tmp}, {@code ~$*});</li>
 *   <li>with a {@code /} inside: the relative path from the source folder ({@code Photos/raw},
 *       {@code **}{@code /cache});</li>
 *   <li>ending in {@code /}: folders only ({@code node_modules/}).</li>
 * </ul>
 * {@code *} matches within a name, {@code **} across folders, {@code ?} one character, {@code [abc]} one of a set.
 * Only the source is filtered: nothing in the destination is ever touched, excluded or not.
 */
public final class Exclusions {
    /** Nothing left out. */
    public static final Exclusions NONE = new Exclusions(List.of());

    /**
     * System junk and editor temporaries, the opt-in preset ({@code --exclude-junk}): thumbnail caches and folder
     * settings of Windows and macOS, volume bookkeeping folders, Office's and LibreOffice's lock files, vim's swap
     * files and backup copies ending in {@code ~}.
     */
    public static final List<String> JUNK = List.of("Thumbs.db", "ehthumbs.db", "desktop.ini", ".DS_Store", "._*",
            ".Spotlight-V100/", ".Trashes/", ".fseventsd/", ".TemporaryItems/", "$RECYCLE.BIN/",
            "System Volume Information/", "~$*", ".~lock.*#", "*.swp", "*~");

    private final List<String> patterns;
    private final List<Rule> rules;

    private record Rule(String pattern, Pattern regex, boolean wholePath, boolean foldersOnly) {
    }

    private Exclusions(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<Rule> rules = new ArrayList<>();
        for (String p : patterns) {
            boolean foldersOnly = p.endsWith("/");
            String body = foldersOnly ? p.substring(0, p.length() - 1) : p;
            boolean wholePath = body.contains("/");
            rules.add(new Rule(p, Pattern.compile(regex(body.startsWith("/") ? body.substring(1) : body)), wholePath,
                    foldersOnly));
        }
        this.rules = List.copyOf(rules);
    }

    /**
     * @throws IllegalArgumentException with one sentence for the user, for a pattern that is empty, is only
     *                                  {@code /}, or has a {@code [} without its {@code ]}
     */
    public static Exclusions of(List<String> patterns) {
        for (String p : patterns) {
            if (p.isBlank() || p.equals("/") || p.equals("//")) {
                throw new IllegalArgumentException("An exclusion pattern cannot be empty (got \"" + p + "\").");
            }
            if (p.indexOf('[') >= 0 && p.indexOf(']', p.indexOf('[')) < 0) {
                throw new IllegalArgumentException("The exclusion pattern \"" + p + "\" has a [ without its ].");
            }
        }
        return patterns.isEmpty() ? NONE : new Exclusions(patterns);
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The first pattern that leaves out this source entry, or null.
     *
     * @param path   relative to the source folder, {@code /} between names
     * @param folder whether the entry is a folder
     */
    public String match(String path, boolean folder) {
        for (int i = 0; i < rules.size(); i++) { // no iterator made for each of a million entries
            Rule r = rules.get(i);
            if (r.foldersOnly && !folder) {
                continue;
            }
            String subject = r.wholePath ? path : path.substring(path.lastIndexOf('/') + 1);
            if (r.regex.matcher(subject).matches()) {
                return r.pattern;
            }
        }
        return null;
    }

    /** A glob as a regular expression: {@code **} any path, {@code *} within a name, {@code ?} one character. */
    private static String regex(String glob) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            r.append("(?:.*/)?"); // "**/" also matches no folder at all
                        } else {
                            r.append(".*");
                        }
                    } else {
                        r.append("[^/]*");
                    }
                }
                case '?' -> r.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    String set = glob.substring(i + 1, end);
                    boolean negated = set.startsWith("!") && set.length() > 1;
                    r.append(negated ? "[^" : "[");
                    for (char x : (negated ? set.substring(1) : set).toCharArray()) {
                        // Ranges (a-z) stay ranges; what else means something in a regex class is taken literally.
                        r.append("\\[]^&".indexOf(x) >= 0 ? "\\" + x : String.valueOf(x));
                    }
                    r.append(']');
                    i = end;
                }
                default -> r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }

    @Override
    public String toString() {
        return String.join(" ", patterns);
    }
}
