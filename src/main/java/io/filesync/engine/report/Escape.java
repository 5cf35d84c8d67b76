package io.filesync.engine.report;

/** Paths in line-oriented logs: control characters (a newline in a file name) are shown escaped, never raw. */
public final class Escape {
    private Escape() {
    }

    public static String path(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\r' -> b.append("\\r");
                    case '\\' -> b.append("\\\\");
                    default -> b.append(String.format("\\x%02x", (int) c));
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
