package org.dockaudit.check;

import java.util.List;
import org.dockaudit.check.chains.EscapeChains;
import org.dockaudit.check.control.ConfigDirectoryOwnership;
import org.dockaudit.check.control.ConfigDirectoryPermissions;
import org.dockaudit.check.control.ContainerdSocketOwnership;
import org.dockaudit.check.control.ContainerdSocketPermissions;
import org.dockaudit.check.control.ControlSocketGroupMembers;
import org.dockaudit.check.control.ControlSocketPermissions;
import org.dockaudit.check.control.DaemonJsonOwnership;
import org.dockaudit.check.control.DaemonJsonPermissions;
import org.dockaudit.check.control.DefaultDockerOwnership;
import org.dockaudit.check.control.DefaultDockerPermissions;
import org.dockaudit.check.control.DockerServiceOwnership;
import org.dockaudit.check.control.DockerServicePermissions;
import org.dockaudit.check.control.DockerSocketOwnership;
import org.dockaudit.check.control.DockerSocketPermissions;
import org.dockaudit.check.control.DockerSocketUnitOwnership;
import org.dockaudit.check.control.DockerSocketUnitPermissions;
import org.dockaudit.check.control.NoAuthorizationPlugin;
import org.dockaudit.check.control.PlainTcpApi;
import org.dockaudit.check.control.RegistryCertificateOwnership;
import org.dockaudit.check.control.RegistryCertificatePermissions;
import org.dockaudit.check.control.RemoteShellDaemon;
import org.dockaudit.check.control.SysconfigDockerOwnership;
import org.dockaudit.check.control.SysconfigDockerPermissions;
import org.dockaudit.check.control.TlsCaOwnership;
import org.dockaudit.check.control.TlsCaPermissions;
import org.dockaudit.check.control.TlsCertificateOwnership;
import org.dockaudit.check.control.TlsCertificatePermissions;
import org.dockaudit.check.control.TlsKeyOwnership;
import org.dockaudit.check.control.TlsKeyPermissions;
import org.dockaudit.check.control.TlsWithoutClientAuth;
import org.dockaudit.check.daemon.AufsStorageDriver;
import org.dockaudit.check.daemon.BaseDeviceSize;
import org.dockaudit.check.daemon.ContainerSprawl;
import org.dockaudit.check.daemon.DebugLogging;
import org.dockaudit.check.daemon.DefaultCgroupParent;
import org.dockaudit.check.daemon.DefaultHostCgroupNamespace;
import org.dockaudit.check.daemon.DefaultSeccompProfile;
import org.dockaudit.check.daemon.ExperimentalFeatures;
import org.dockaudit.check.daemon.ImageSprawl;
import org.dockaudit.check.daemon.InsecureRegistries;
import org.dockaudit.check.daemon.InterContainerCommunication;
import org.dockaudit.check.daemon.InvalidDaemonConfig;
import org.dockaudit.check.daemon.IptablesUnmanaged;
import org.dockaudit.check.daemon.LiveRestoreOff;
import org.dockaudit.check.daemon.LocalLoggingOnly;
import org.dockaudit.check.daemon.NoDefaultUlimits;
import org.dockaudit.check.daemon.NoNewPrivilegesDefault;
import org.dockaudit.check.daemon.RootfulDaemon;
import org.dockaudit.check.daemon.SwarmModeActive;
import org.dockaudit.check.daemon.UserlandProxy;
import org.dockaudit.check.daemon.UsernsRemapOff;
import org.dockaudit.check.devices.DeviceCgroupRules;
import org.dockaudit.check.devices.EffectiveDeviceAccess;
import org.dockaudit.check.devices.HostDevicesAdded;
import org.dockaudit.check.devices.PrivilegedDevices;
import org.dockaudit.check.host.ContainerdAudited;
import org.dockaudit.check.host.ContainerdConfigAudited;
import org.dockaudit.check.host.ContainerdRunAudited;
import org.dockaudit.check.host.ContainerdShimAudited;
import org.dockaudit.check.host.ContainerdSocketAudited;
import org.dockaudit.check.host.DaemonJsonAudited;
import org.dockaudit.check.host.DefaultDockerAudited;
import org.dockaudit.check.host.DockerConfigAudited;
import org.dockaudit.check.host.DockerDataAudited;
import org.dockaudit.check.host.DockerServiceAudited;
import org.dockaudit.check.host.DockerSocketUnitAudited;
import org.dockaudit.check.host.DockerdAudited;
import org.dockaudit.check.host.RuncAudited;
import org.dockaudit.check.host.ShimRuncV1Audited;
import org.dockaudit.check.host.ShimRuncV2Audited;
import org.dockaudit.check.host.SysconfigDockerAudited;
import org.dockaudit.check.images.ContainerHealthcheck;
import org.dockaudit.check.images.ContentTrustOff;
import org.dockaudit.check.images.FloatingImageReference;
import org.dockaudit.check.images.ImageRunsAsRoot;
import org.dockaudit.check.images.NoHealthcheck;
import org.dockaudit.check.images.RemoteAdd;
import org.dockaudit.check.images.SecretsInContainerEnvironment;
import org.dockaudit.check.images.SecretsInEnvironment;
import org.dockaudit.check.images.SetuidFiles;
import org.dockaudit.check.images.StaleImage;
import org.dockaudit.check.images.UpdateAlone;
import org.dockaudit.check.isolation.ContainerNamespaceSharing;
import org.dockaudit.check.isolation.ControlSocketMounted;
import org.dockaudit.check.isolation.DefaultBridgeNetwork;
import org.dockaudit.check.isolation.HostCgroupNamespace;
import org.dockaudit.check.isolation.HostIpcNamespace;
import org.dockaudit.check.isolation.HostNetworkNamespace;
import org.dockaudit.check.isolation.HostPidNamespace;
import org.dockaudit.check.isolation.HostUserNamespace;
import org.dockaudit.check.isolation.HostUtsNamespace;
import org.dockaudit.check.isolation.PortsOnAllInterfaces;
import org.dockaudit.check.isolation.PrivilegedHostPort;
import org.dockaudit.check.isolation.PublishedPorts;
import org.dockaudit.check.isolation.SensitiveHostPathMounted;
import org.dockaudit.check.isolation.SharedMountPropagation;
import org.dockaudit.check.kernel.CompatAbiReachable;
import org.dockaudit.check.kernel.DangerousSyscallsReachable;
import org.dockaudit.check.kernel.DefaultProfileWeaknesses;
import org.dockaudit.check.kernel.FilterDoesNotMatchProfile;
import org.dockaudit.check.kernel.KnownEscapeVulnerabilities;
import org.dockaudit.check.kernel.ProcessWithoutSeccomp;
import org.dockaudit.check.kernel.SeccompDisabled;
import org.dockaudit.check.kernel.SocketcallBypass;
import org.dockaudit.check.kernel.TruncatedArgumentBypass;
import org.dockaudit.check.kernel.WeakerThanDefaultProfile;
import org.dockaudit.check.kernel.WritableRootFilesystem;
import org.dockaudit.check.privileges.AddedCapabilities;
import org.dockaudit.check.privileges.DefaultCapabilitiesKept;
import org.dockaudit.check.privileges.EffectiveCapabilities;
import org.dockaudit.check.privileges.NoNewPrivileges;
import org.dockaudit.check.privileges.PrivilegedContainer;
import org.dockaudit.check.privileges.PrivilegedExec;
import org.dockaudit.check.privileges.RootExec;
import org.dockaudit.check.privileges.RootUser;
import org.dockaudit.check.resources.DataRootOnRootFileSystem;
import org.dockaudit.check.resources.LimitsNotEnforced;
import org.dockaudit.check.resources.NoCpuLimit;
import org.dockaudit.check.resources.NoMemoryLimit;
import org.dockaudit.check.resources.NoPidsLimit;
import org.dockaudit.check.resources.NoSwapLimit;
import org.dockaudit.check.resources.OomKillerDisabled;
import org.dockaudit.check.resources.OwnCgroupParent;
import org.dockaudit.check.resources.UlimitsOverridden;
import org.dockaudit.check.resources.UnboundedRestarts;
import org.dockaudit.check.swarm.AutolockOff;
import org.dockaudit.check.swarm.LongNodeCertificates;
import org.dockaudit.check.swarm.ManagementPortOnAllInterfaces;
import org.dockaudit.check.swarm.ManagerCount;
import org.dockaudit.check.swarm.ServiceSecretsInEnvironment;
import org.dockaudit.check.swarm.UnencryptedOverlay;
import org.dockaudit.check.unabstracted.AppArmorUnconfined;
import org.dockaudit.check.unabstracted.DefaultRuntimeSharesKernel;
import org.dockaudit.check.unabstracted.NoMandatoryAccessControl;
import org.dockaudit.check.unabstracted.SelinuxDisabled;
import org.dockaudit.check.unabstracted.SharedKernelRuntime;
import org.dockaudit.check.unabstracted.WindowsDefaultIsolation;
import org.dockaudit.check.unabstracted.WindowsProcessIsolation;

/** The explicit registry of checks, sorted by id. A check not listed here does not run. */
public final class Checks {

    private static final List<Check> ALL = inIdOrder(List.of(
            new EscapeChains(),
            new ControlSocketPermissions(),
            new ControlSocketGroupMembers(),
            new PlainTcpApi(),
            new TlsWithoutClientAuth(),
            new NoAuthorizationPlugin(),
            new RemoteShellDaemon(),
            new HostDevicesAdded(),
            new DeviceCgroupRules(),
            new PrivilegedDevices(),
            new EffectiveDeviceAccess(),
            new UsernsRemapOff(),
            new LiveRestoreOff(),
            new InterContainerCommunication(),
            new NoDefaultUlimits(),
            new InsecureRegistries(),
            new ExperimentalFeatures(),
            new LocalLoggingOnly(),
            new NoNewPrivilegesDefault(),
            new DefaultSeccompProfile(),
            new InvalidDaemonConfig(),
            new DefaultHostCgroupNamespace(),
            new UserlandProxy(),
            new IptablesUnmanaged(),
            new DebugLogging(),
            new SwarmModeActive(),
            new AufsStorageDriver(),
            new DefaultCgroupParent(),
            new BaseDeviceSize(),
            new RootfulDaemon(),
            new ImageSprawl(),
            new ContainerSprawl(),
            new DockerServiceOwnership(),
            new DockerServicePermissions(),
            new DockerSocketUnitOwnership(),
            new DockerSocketUnitPermissions(),
            new ConfigDirectoryOwnership(),
            new ConfigDirectoryPermissions(),
            new RegistryCertificateOwnership(),
            new RegistryCertificatePermissions(),
            new TlsCaOwnership(),
            new TlsCaPermissions(),
            new TlsCertificateOwnership(),
            new TlsCertificatePermissions(),
            new TlsKeyOwnership(),
            new TlsKeyPermissions(),
            new DockerSocketOwnership(),
            new DockerSocketPermissions(),
            new DaemonJsonOwnership(),
            new DaemonJsonPermissions(),
            new DefaultDockerOwnership(),
            new DefaultDockerPermissions(),
            new SysconfigDockerPermissions(),
            new SysconfigDockerOwnership(),
            new ContainerdSocketOwnership(),
            new ContainerdSocketPermissions(),
            new DockerdAudited(),
            new ContainerdRunAudited(),
            new DockerDataAudited(),
            new DockerConfigAudited(),
            new DockerServiceAudited(),
            new ContainerdSocketAudited(),
            new DockerSocketUnitAudited(),
            new DefaultDockerAudited(),
            new DaemonJsonAudited(),
            new ContainerdConfigAudited(),
            new SysconfigDockerAudited(),
            new ContainerdAudited(),
            new ContainerdShimAudited(),
            new ShimRuncV1Audited(),
            new ShimRuncV2Audited(),
            new RuncAudited(),
            new ImageRunsAsRoot(),
            new SecretsInEnvironment(),
            new NoHealthcheck(),
            new SetuidFiles(),
            new StaleImage(),
            new SecretsInContainerEnvironment(),
            new FloatingImageReference(),
            new ContainerHealthcheck(),
            new RemoteAdd(),
            new UpdateAlone(),
            new ContentTrustOff(),
            new HostPidNamespace(),
            new HostNetworkNamespace(),
            new HostIpcNamespace(),
            new HostUtsNamespace(),
            new HostUserNamespace(),
            new HostCgroupNamespace(),
            new ContainerNamespaceSharing(),
            new ControlSocketMounted(),
            new SensitiveHostPathMounted(),
            new SharedMountPropagation(),
            new PortsOnAllInterfaces(),
            new PrivilegedHostPort(),
            new DefaultBridgeNetwork(),
            new PublishedPorts(),
            new SeccompDisabled(),
            new ProcessWithoutSeccomp(),
            new WritableRootFilesystem(),
            new KnownEscapeVulnerabilities(),
            new DangerousSyscallsReachable(),
            new CompatAbiReachable(),
            new SocketcallBypass(),
            new WeakerThanDefaultProfile(),
            new FilterDoesNotMatchProfile(),
            new TruncatedArgumentBypass(),
            new DefaultProfileWeaknesses(),
            new NoMandatoryAccessControl(),
            new AppArmorUnconfined(),
            new SelinuxDisabled(),
            new PrivilegedContainer(),
            new AddedCapabilities(),
            new DefaultCapabilitiesKept(),
            new EffectiveCapabilities(),
            new RootUser(),
            new NoNewPrivileges(),
            new PrivilegedExec(),
            new RootExec(),
            new NoMemoryLimit(),
            new NoSwapLimit(),
            new NoCpuLimit(),
            new NoPidsLimit(),
            new OomKillerDisabled(),
            new LimitsNotEnforced(),
            new UnboundedRestarts(),
            new OwnCgroupParent(),
            new UlimitsOverridden(),
            new DataRootOnRootFileSystem(),
            new SharedKernelRuntime(),
            new DefaultRuntimeSharesKernel(),
            new ManagerCount(),
            new ManagementPortOnAllInterfaces(),
            new UnencryptedOverlay(),
            new ServiceSecretsInEnvironment(),
            new AutolockOff(),
            new LongNodeCertificates(),
            new WindowsProcessIsolation(),
            new WindowsDefaultIsolation()));

    private Checks() {}

    public static List<Check> all() {
        return ALL;
    }

    /** The metadata of every check, in id order: the catalogue that reports and listings describe. */
    public static List<CheckInfo> infos() {
        return ALL.stream().map(Checks::info).toList();
    }

    public static CheckInfo info(Object check) {
        CheckInfo info = check.getClass().getAnnotation(CheckInfo.class);
        if (info == null) {
            throw new IllegalStateException(check.getClass().getName() + " has no @CheckInfo");
        }
        return info;
    }

    /** The registry as written, refused unless each id is there once and in order: a new check goes in its place. */
    private static <T> List<T> inIdOrder(List<T> checks) {
        String previous = "";
        for (T check : checks) {
            String id = info(check).id();
            if (id.compareTo(previous) <= 0) {
                throw new IllegalStateException("Checks lists " + id + " after " + previous + ": keep the list sorted by id, once each");
            }
            previous = id;
        }
        return checks;
    }
}
