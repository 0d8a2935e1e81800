package org.dockaudit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What looks like a secret in a container's configuration: environment names, command-line
 * options, credentials in URLs. Shared by the checks that report secrets (names only) and by the
 * redaction of snapshots and reports (values replaced by {@link Snapshot#REDACTED}).
 */
public final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?is).*(PASSWORD|PASSWD|PWD$|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH).*");
    private static final Pattern NOT_A_SECRET = Pattern.compile("(?is).*(_FILE|_PATH|_DIR|_URL_PATH)$");
    /** {@code --password=x}, {@code -token=x}, {@code DB_PASSWORD=x}: a secret name, then its value. */
    private static final Pattern NAMED_VALUE = Pattern.compile("^(-{0,2}[A-Za-z0-9_.-]+)=(.+)$");
    /** {@code scheme://user:password@host}. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)([^@/\\s]+)(@)");

    private Secrets() {}

    /** Whether a variable or option name looks like it holds a secret (a path to one does not). */
    public static boolean isSecretName(String name) {
        String bare = name.replaceFirst("^-+", "").replace('-', '_');
        return SECRET_NAME.matcher(bare).matches() && !NOT_A_SECRET.matcher(bare).matches();
    }

    /**
     * A command line with its secrets replaced: values of secret-looking {@code --name=value} and
     * {@code NAME=value} tokens, the token after a secret-looking {@code --name}, passwords in URLs.
     */
    public static List<String> redactArguments(List<String> arguments) {
        List<String> redacted = new ArrayList<>();
        boolean nextIsSecret = false;
        for (String argument : arguments) {
            if (nextIsSecret) {
                redacted.add(Snapshot.REDACTED);
                nextIsSecret = false;
                continue;
            }
            Matcher named = NAMED_VALUE.matcher(argument);
            if (named.matches() && isSecretName(named.group(1))) {
                redacted.add(named.group(1) + "=" + Snapshot.REDACTED);
            } else {
                String url = redactUrls(argument);
                redacted.add(url);
                nextIsSecret = argument.startsWith("-") && !argument.contains("=") && isSecretName(argument);
            }
        }
        return redacted;
    }

    /** The same for one free text (a shell command, a label value). */
    public static String redactText(String text) {
        // Words and the spaces between them, so that the text keeps its shape.
        List<String> pieces = List.of(text.split("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)"));
        List<String> words = pieces.stream().filter(piece -> !piece.isBlank()).toList();
        java.util.Iterator<String> redacted = redactArguments(words).iterator();
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            out.append(piece.isBlank() ? piece : redacted.next());
        }
        return out.toString();
    }

    private static String redactUrls(String text) {
        return URL_CREDENTIALS.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(Snapshot.REDACTED) + "$3");
    }

    /** Whether the text holds anything {@link #redactText} would replace. */
    public static boolean holdsSecret(String text) {
        return !redactText(text).equals(text);
    }
}
