package org.dockaudit.check.devices;

import org.dockaudit.check.Severity;

/** A devices cgroup rule, {@code type major:minor access}, as in {@code devices.list}. */
final class DeviceRule {

    private DeviceRule() {}

    /** Wildcards with read or write access reach every disk and memory device of the host. */
    static Severity severity(String rule) {
        String[] parts = rule.trim().split("\\s+");
        String type = parts[0];
        String numbers = parts.length > 1 ? parts[1] : "*:*";
        String access = parts.length > 2 ? parts[2] : "rwm";
        boolean readsOrWrites = access.contains("r") || access.contains("w");
        if (type.equals("a") || (numbers.startsWith("*") && readsOrWrites)) {
            return Severity.CRITICAL;
        }
        if (!readsOrWrites) {
            return Severity.LOW;
        }
        return access.contains("w") ? Severity.HIGH : Severity.MEDIUM;
    }

    static String describe(String rule) {
        String type = rule.trim().isEmpty() ? "" : rule.trim().substring(0, 1);
        return switch (type) {
            case "a" -> "every device, character and block";
            case "b" -> "block devices";
            case "c" -> "character devices";
            default -> "unrecognised rule";
        };
    }
}
