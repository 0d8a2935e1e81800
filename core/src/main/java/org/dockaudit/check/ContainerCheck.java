package org.dockaudit.check;

/** A check of one container; a pure function of the snapshot. Metadata is its {@link CheckInfo}. */
public interface ContainerCheck {

    Outcome evaluate(ContainerContext container);
}
