package org.dockaudit.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Audit points: the rows of the seed's recap table, plus images and daemon hygiene. The threats
 * of each row are the table's own.
 */
public enum Area {
    CONTROL_INTERFACES("control-interfaces", "Docker control interfaces", EnumSet.of(Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS)),
    RESOURCE_CONSUMPTION("resource-consumption", "System resources: consumption", EnumSet.of(Threat.DENIAL_OF_SERVICE)),
    DEVICES("devices", "System resources: devices", EnumSet.allOf(Threat.class)),
    PROCESS_ISOLATION("process-isolation", "Process isolation (namespaces)", EnumSet.of(Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS)),
    PROCESS_PRIVILEGES("process-privileges", "Process privileges (capabilities)", EnumSet.allOf(Threat.class)),
    UNABSTRACTED_RESOURCES("unabstracted-resources", "Resources not abstracted by the container", EnumSet.of(Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS)),
    KERNEL_VULNERABILITIES("kernel-vulnerabilities", "Kernel vulnerabilities", EnumSet.allOf(Threat.class)),
    IMAGES("images", "Images", EnumSet.allOf(Threat.class)),
    DAEMON("daemon", "Daemon configuration", EnumSet.allOf(Threat.class));

    private final String id;
    private final String title;
    private final Set<Threat> threats;

    Area(String id, String title, Set<Threat> threats) {
        this.id = id;
        this.title = title;
        this.threats = threats;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Threats this audit point guards against, as the recap table marks them. */
    public Set<Threat> threats() {
        return threats;
    }
}
