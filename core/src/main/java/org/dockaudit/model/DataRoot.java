package org.dockaudit.model;

/**
 * Where the daemon keeps images, containers and volumes, and the file system that holds it, in
 * the daemon's own mount namespace.
 *
 * @param path  the data root ({@code DockerRootDir} of docker info)
 * @param mount the mount that holds it: the longest mount point that is {@code path} or a parent
 * @param root  the mount of {@code /}
 */
public record DataRoot(String path, MountEntry mount, MountEntry root) {

    /** Whether the data root lives on the file system of {@code /} (same device, even through a bind mount). */
    public boolean onRootFileSystem() {
        return mount.device() != null && mount.device().equals(root.device());
    }
}
