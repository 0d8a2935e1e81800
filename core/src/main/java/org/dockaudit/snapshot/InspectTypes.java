package org.dockaudit.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON types of the inspect fields dockaudit reads. A document that gives one of them another
 * type ({@code "Privileged": "yes"}) is refused, naming the field: read leniently, it would be
 * taken for false, and a privileged container would pass. {@code null} and absent fields are
 * accepted everywhere, as the Engine API writes both.
 */
final class InspectTypes {

    enum Type {
        STRING("a string"), BOOLEAN("true or false"), NUMBER("a number"), OBJECT("an object"),
        STRINGS("an array of strings"), OBJECTS("an array of objects");

        final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        boolean accepts(JsonNode node) {
            return switch (this) {
                case STRING -> node.isTextual();
                case BOOLEAN -> node.isBoolean();
                case NUMBER -> node.isNumber();
                case OBJECT -> node.isObject();
                case STRINGS -> node.isArray() && allMatch(node, JsonNode::isTextual);
                case OBJECTS -> node.isArray() && allMatch(node, JsonNode::isObject);
            };
        }

        private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
            for (JsonNode element : array) {
                if (!test.test(element)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A field by its path ({@code HostConfig.Privileged}; {@code Mounts[].RW} for each element). */
    record Field(String path, Type type) {}

    static final List<Field> CONTAINER = List.of(
            new Field("Id", Type.STRING), new Field("Name", Type.STRING), new Field("Image", Type.STRING),
            new Field("Created", Type.STRING), new Field("Platform", Type.STRING), new Field("AppArmorProfile", Type.STRING),
            new Field("ProcessLabel", Type.STRING),
            new Field("State", Type.OBJECT), new Field("State.Running", Type.BOOLEAN), new Field("State.Paused", Type.BOOLEAN),
            new Field("State.Pid", Type.NUMBER), new Field("State.Status", Type.STRING),
            new Field("Config", Type.OBJECT), new Field("Config.User", Type.STRING), new Field("Config.Env", Type.STRINGS),
            new Field("Config.Image", Type.STRING), new Field("Config.Labels", Type.OBJECT), new Field("Config.Healthcheck", Type.OBJECT),
            new Field("Config.Cmd", Type.STRINGS), new Field("Config.Entrypoint", Type.STRINGS),
            new Field("HostConfig", Type.OBJECT), new Field("HostConfig.Privileged", Type.BOOLEAN),
            new Field("HostConfig.ReadonlyRootfs", Type.BOOLEAN), new Field("HostConfig.PublishAllPorts", Type.BOOLEAN),
            new Field("HostConfig.OomKillDisable", Type.BOOLEAN), new Field("HostConfig.Memory", Type.NUMBER),
            new Field("HostConfig.MemorySwap", Type.NUMBER), new Field("HostConfig.PidsLimit", Type.NUMBER),
            new Field("HostConfig.NanoCpus", Type.NUMBER), new Field("HostConfig.CpuQuota", Type.NUMBER),
            new Field("HostConfig.CpuPeriod", Type.NUMBER), new Field("HostConfig.CpusetCpus", Type.STRING),
            new Field("HostConfig.CapAdd", Type.STRINGS), new Field("HostConfig.CapDrop", Type.STRINGS),
            new Field("HostConfig.SecurityOpt", Type.STRINGS), new Field("HostConfig.Binds", Type.STRINGS),
            new Field("HostConfig.DeviceCgroupRules", Type.STRINGS), new Field("HostConfig.Devices", Type.OBJECTS),
            new Field("HostConfig.Devices[].PathOnHost", Type.STRING), new Field("HostConfig.Devices[].PathInContainer", Type.STRING),
            new Field("HostConfig.Devices[].CgroupPermissions", Type.STRING),
            new Field("HostConfig.PortBindings", Type.OBJECT), new Field("HostConfig.NetworkMode", Type.STRING),
            new Field("HostConfig.PidMode", Type.STRING), new Field("HostConfig.IpcMode", Type.STRING),
            new Field("HostConfig.UTSMode", Type.STRING), new Field("HostConfig.UsernsMode", Type.STRING),
            new Field("HostConfig.CgroupnsMode", Type.STRING), new Field("HostConfig.Runtime", Type.STRING),
            new Field("HostConfig.Isolation", Type.STRING), new Field("HostConfig.RestartPolicy", Type.OBJECT),
            new Field("HostConfig.Ulimits", Type.OBJECTS),
            new Field("Mounts", Type.OBJECTS), new Field("Mounts[].Type", Type.STRING), new Field("Mounts[].Source", Type.STRING),
            new Field("Mounts[].Destination", Type.STRING), new Field("Mounts[].RW", Type.BOOLEAN),
            new Field("Mounts[].Propagation", Type.STRING));

    static final List<Field> IMAGE = List.of(
            new Field("Id", Type.STRING), new Field("RepoTags", Type.STRINGS), new Field("Created", Type.STRING),
            new Field("Os", Type.STRING), new Field("RootFS", Type.OBJECT),
            new Field("Config", Type.OBJECT), new Field("Config.User", Type.STRING), new Field("Config.Env", Type.STRINGS),
            new Field("Config.Healthcheck", Type.OBJECT));

    private InspectTypes() {}

    /** The first field of {@code document} whose type is wrong, described for the user; null when all are right. */
    static String firstMismatch(JsonNode document, List<Field> fields) {
        for (Field field : fields) {
            String mismatch = check(document, field.path().split("\\."), 0, field);
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }

    private static String check(JsonNode node, String[] steps, int at, Field field) {
        String step = steps[at];
        boolean each = step.endsWith("[]");
        JsonNode value = node.path(each ? step.substring(0, step.length() - 2) : step);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (each) {
            if (!value.isArray()) {
                return null; // reported by the field naming the array itself
            }
            for (JsonNode element : value) {
                String mismatch = check(element, steps, at + 1, field);
                if (mismatch != null) {
                    return mismatch;
                }
            }
            return null;
        }
        if (at < steps.length - 1) {
            return value.isObject() || value.isArray() ? check(value, steps, at + 1, field) : null;
        }
        if (field.type().accepts(value)) {
            return null;
        }
        String shown = value.toString();
        return field.path() + " is " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown)
                + ", expected " + field.type().expected;
    }
}
