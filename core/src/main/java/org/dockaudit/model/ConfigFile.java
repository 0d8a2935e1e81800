package org.dockaudit.model;

/** A configuration file: its path and content, or {@code exists} false when there is none. */
public record ConfigFile(String path, boolean exists, String content) {}
