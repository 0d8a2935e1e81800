package org.dockaudit.check;
import org.dockaudit.model.Target;

/** A check of the host or of its Docker daemon, run once per snapshot. */
public non-sealed interface HostCheck extends Check {

    Outcome evaluate(HostContext host);

    /** What findings are about: the host itself, or its daemon. */
    default Target.Kind targetKind() {
        return Target.Kind.HOST;
    }
}
