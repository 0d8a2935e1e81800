package org.dockaudit.check;

/** A check whose findings are about the Docker daemon rather than the host. */
public interface DaemonCheck extends HostCheck {

    @Override
    default Target.Kind targetKind() {
        return Target.Kind.DAEMON;
    }
}
