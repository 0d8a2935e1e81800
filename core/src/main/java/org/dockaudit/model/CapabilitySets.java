package org.dockaudit.model;

import java.util.List;

/** Capability sets of a process, decoded to names such as {@code CAP_SYS_ADMIN}. */
public record CapabilitySets(
        List<String> effective,
        List<String> permitted,
        List<String> bounding,
        List<String> ambient,
        List<String> inheritable) {

    public CapabilitySets {
        effective = List.copyOf(effective);
        permitted = List.copyOf(permitted);
        bounding = List.copyOf(bounding);
        ambient = List.copyOf(ambient);
        inheritable = List.copyOf(inheritable);
    }
}
