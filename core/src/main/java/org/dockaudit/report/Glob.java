package org.dockaudit.report;

import java.util.regex.Pattern;

/** Name patterns as users write them: {@code *} any run of characters, {@code ?} one, the rest as written. */
public final class Glob {

    private Glob() {}

    public static boolean matches(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name.matches(regex.toString());
    }
}
