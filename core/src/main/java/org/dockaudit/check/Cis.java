package org.dockaudit.check;

/** The CIS Docker Benchmark edition that {@link CheckInfo#cis()} numbers refer to. */
public final class Cis {

    public static final String VERSION = "CIS Docker Benchmark v1.6.0";

    private Cis() {}

    public static String reference(String section) {
        return VERSION + " " + section;
    }
}
