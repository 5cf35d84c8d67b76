package io.filesync.engine;

/**
 * One field of the CSV files FileSync writes for spreadsheets ({@code plan --csv}, the window's exports): RFC 4180,
 * quoted where needed; a field a spreadsheet would run as a formula (first character = + - @, tab or CR) starts with
 * ' (OWASP's advice against CSV injection: a file may be named "=HYPERLINK(…)").
 */
public final class CsvField {
    private CsvField() {
    }

    public static String of(String s) {
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
