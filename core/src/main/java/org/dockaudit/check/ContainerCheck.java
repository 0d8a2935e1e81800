package org.dockaudit.check;

/** A check of one container; a pure function of the snapshot. */
public non-sealed interface ContainerCheck extends Check {

    Outcome evaluate(ContainerContext container);
}
