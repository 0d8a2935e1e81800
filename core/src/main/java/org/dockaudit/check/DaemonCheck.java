package org.dockaudit.check;
import org.dockaudit.model.Target;

/** A check whose findings are about the Docker daemon rather than the host. */
public interface DaemonCheck extends HostCheck {

    @Override
    default Target.Kind targetKind() {
        return Target.Kind.DAEMON;
    }
}
