package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version arithmetic for the vulnerability table: upstream versions and Debian package versions. */
final class Versions {

    private static final Pattern UPSTREAM = Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:-?rc\\.?(\\d+))?");

    private Versions() {}

    /** An upstream version: numbers, and a release-candidate number (below the release) or none. */
    record Upstream(List<Integer> numbers, int releaseCandidate) implements Comparable<Upstream> {

        static Upstream parse(String text) {
            Matcher matcher = UPSTREAM.matcher(text.trim());
            if (!matcher.lookingAt()) {
                throw new IllegalArgumentException("not a version: " + text);
            }
            List<Integer> numbers = new ArrayList<>();
            for (String part : matcher.group(1).split("\\.")) {
                numbers.add(Integer.parseInt(part));
            }
            int rc = matcher.group(2) == null ? Integer.MAX_VALUE : Integer.parseInt(matcher.group(2));
            return new Upstream(numbers, rc);
        }

        /** The first two numbers: a stable branch ({@code 5.10}) or a minor release ({@code 1.1}). */
        List<Integer> branch() {
            return List.of(number(0), number(1));
        }

        int number(int index) {
            return index < numbers.size() ? numbers.get(index) : 0;
        }

        @Override
        public int compareTo(Upstream other) {
            for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
                int byNumber = Integer.compare(number(i), other.number(i));
                if (byNumber != 0) {
                    return byNumber;
                }
            }
            return Integer.compare(releaseCandidate, other.releaseCandidate);
        }

        @Override
        public String toString() {
            return String.join(".", numbers.stream().map(String::valueOf).toList())
                    + (releaseCandidate == Integer.MAX_VALUE ? "" : "-rc" + releaseCandidate);
        }
    }

    /**
     * Affected when at or above {@code introduced} and below the fix of its own branch, or below
     * every fix when its branch has none listed.
     */
    static boolean affected(Upstream version, Upstream introduced, List<Upstream> fixed) {
        if (version.compareTo(introduced) < 0) {
            return false;
        }
        for (Upstream fix : fixed) {
            if (fix.branch().equals(version.branch())) {
                return version.compareTo(fix) < 0;
            }
        }
        return fixed.stream().allMatch(fix -> version.compareTo(fix) < 0);
    }

    /** dpkg's ordering of package versions ({@code [epoch:]upstream[-revision]}), as deb-version(7) defines it. */
    static int compareDebian(String a, String b) {
        int epochA = epoch(a);
        int epochB = epoch(b);
        if (epochA != epochB) {
            return Integer.compare(epochA, epochB);
        }
        String restA = a.substring(a.indexOf(':') + 1);
        String restB = b.substring(b.indexOf(':') + 1);
        int dashA = restA.lastIndexOf('-');
        int dashB = restB.lastIndexOf('-');
        int upstream = compareFragment(dashA < 0 ? restA : restA.substring(0, dashA), dashB < 0 ? restB : restB.substring(0, dashB));
        if (upstream != 0) {
            return upstream;
        }
        return compareFragment(dashA < 0 ? "" : restA.substring(dashA + 1), dashB < 0 ? "" : restB.substring(dashB + 1));
    }

    private static int epoch(String version) {
        int colon = version.indexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(version.substring(0, colon));
    }

    private static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int startI = i;
            int startJ = j;
            while (i < a.length() && !Character.isDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && !Character.isDigit(b.charAt(j))) {
                j++;
            }
            int lexical = compareLexical(a.substring(startI, i), b.substring(startJ, j));
            if (lexical != 0) {
                return lexical;
            }
            startI = i;
            startJ = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
                j++;
            }
            long numberA = startI == i ? 0 : Long.parseLong(a.substring(startI, i));
            long numberB = startJ == j ? 0 : Long.parseLong(b.substring(startJ, j));
            if (numberA != numberB) {
                return Long.compare(numberA, numberB);
            }
        }
        return 0;
    }

    /** Letters sort before non-letters, and '~' before everything, even the end of the string. */
    private static int compareLexical(String a, String b) {
        for (int k = 0; k < Math.max(a.length(), b.length()); k++) {
            int orderA = k < a.length() ? order(a.charAt(k)) : 0;
            int orderB = k < b.length() ? order(b.charAt(k)) : 0;
            if (orderA != orderB) {
                return Integer.compare(orderA, orderB);
            }
        }
        return 0;
    }

    private static int order(char c) {
        if (c == '~') {
            return -1;
        }
        return Character.isLetter(c) ? c : c + 256;
    }
}
