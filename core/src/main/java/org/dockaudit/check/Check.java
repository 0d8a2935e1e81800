package org.dockaudit.check;

/** A check; what it looks at is given by the kind of check. Metadata is its {@link CheckInfo}. */
public sealed interface Check permits ContainerCheck, HostCheck, ImageCheck {}
