package org.dockaudit.report;

/**
 * Text from the audited host made safe to print: process names, environment names, user names,
 * device paths, bind sources and file names are chosen by whoever built the image or started the
 * container. A raw escape sequence could hide the rest of a report ({@code \e[8m}), a raw newline
 * could forge a finding line, a bidirectional override could reorder what the reader sees. Each
 * such character is shown as an escape instead: {@code \e}, {@code \n}, {@code \x07}, {@code \u202e}.
 */
public final class Terminal {

    private Terminal() {}

    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(Terminal::unsafe)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                safe.appendCodePoint(c);
            } else if (c == '\n') {
                safe.append("\\n");
            } else if (c == '\r') {
                safe.append("\\r");
            } else if (c == '\t') {
                safe.append("\\t");
            } else if (c == 0x1b) {
                safe.append("\\e");
            } else if (c <= 0xff) {
                safe.append(String.format("\\x%02x", c));
            } else {
                safe.append(String.format("\\u%04x", c));
            }
        });
        return safe.toString();
    }

    /** C0 and C1 controls, DEL, and the characters that reorder or hide text. */
    private static boolean unsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
    }
}
