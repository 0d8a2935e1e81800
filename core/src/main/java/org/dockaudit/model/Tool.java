package org.dockaudit.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's name and version, as Maven stamped them into the jar. */
public final class Tool {

    public static final String NAME = "dockaudit";
    public static final String VERSION = readVersion();

    private Tool() {}

    public static String nameAndVersion() {
        return NAME + " " + VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Tool.class.getResourceAsStream("/org/dockaudit/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
