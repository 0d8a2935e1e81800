package org.dockaudit.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What turns a JSON profile into the filter a container runs, and where. The same profile gives
 * different filters depending on:
 * <ul>
 *   <li>the Docker engine, which passes {@code defaultErrnoRet} on to runc only from 23.0;</li>
 *   <li>runc, whose ENOSYS stub covers only the listed architectures before 1.2, and also the
 *       native one from 1.2;</li>
 *   <li>the libseccomp runc links, which resolves the names;</li>
 *   <li>the native architecture, whose {@code archMap} entry applies;</li>
 *   <li>the kernel release, which {@code minKernel} is judged against.</li>
 * </ul>
 *
 * @param kernel      the kernel release, or null to keep every minKernel entry
 * @param assumptions what was not known and how it was assumed, for the reader of a result
 */
public record Loader(Arch nativeArch, String kernel, boolean passesDefaultErrnoRet, boolean stubsNativeArch,
        Libseccomp libseccomp, List<String> assumptions) {

    private static final Pattern VERSION = Pattern.compile("^v?(\\d{1,6})\\.(\\d{1,6})");

    public Loader {
        assumptions = List.copyOf(assumptions);
    }

    /**
     * @param dockerVersion the engine's version ({@code /version}'s {@code Version}), or null if unknown
     * @param runcVersion   runc's version ({@code /version}'s runc component), or null if unknown
     */
    public static Loader of(String dockerVersion, String runcVersion, Arch nativeArch, String kernel) {
        List<String> assumptions = new ArrayList<>();
        Optional<int[]> docker = parse(dockerVersion);
        Optional<int[]> runc = parse(runcVersion);
        if (docker.isEmpty()) {
            assumptions.add("Docker version " + (dockerVersion == null ? "unknown" : "'" + dockerVersion + "' not understood")
                    + ": assumed 23.0 or later, which honours defaultErrnoRet");
        }
        if (runc.isEmpty()) {
            assumptions.add(runcAssumed(runcVersion));
        }
        boolean passes = docker.map(v -> atLeast(v, 23, 0)).orElse(true);
        return new Loader(nativeArch, kernel, passes, stubsNativeArch(runc), Libseccomp.DEBIAN_12, assumptions);
    }

    /** runc stubs the native architecture with ENOSYS from 1.2; an unknown version is taken to. */
    private static boolean stubsNativeArch(Optional<int[]> runc) {
        return runc.map(v -> atLeast(v, 1, 2)).orElse(true);
    }

    private static String runcAssumed(String runcVersion) {
        return "runc version " + (runcVersion == null ? "unknown" : "'" + runcVersion + "' not understood")
                + ": assumed 1.2 or later, whose ENOSYS stub covers the native architecture";
    }

    /**
     * The loader of the engine whose {@code /version} document this is: its Docker version, its
     * runc component's version, and, unless {@code kernel} is given, its kernel release.
     */
    public static Loader ofEngine(JsonNode version, Arch nativeArch, String kernel) {
        String runc = null;
        for (JsonNode component : version.path("Components")) {
            if (component.path("Name").asText().equals("runc")) {
                runc = component.path("Version").asText(null);
            }
        }
        return of(version.path("Version").asText(null), runc, nativeArch, kernel != null ? kernel : version.path("KernelVersion").asText(null));
    }

    /**
     * The loader of a Podman engine, from its own {@code /libpod/info}: containers-common passes
     * a profile's {@code defaultErrnoRet} on, as Docker does from 23.0; its OCI runtime is named
     * there with its version ({@code runc version 1.1.5+ds1}). crun is taken to stub the native
     * architecture as runc 1.2 does, and said to be.
     */
    public static Loader ofPodman(JsonNode podmanInfo, Arch nativeArch, String kernel) {
        JsonNode runtime = podmanInfo.path("host").path("ociRuntime");
        String name = runtime.path("name").asText("");
        Matcher version = Pattern.compile("version (\\S+)").matcher(runtime.path("version").asText("").lines().findFirst().orElse(""));
        String runcVersion = name.equals("runc") && version.find() ? version.group(1) : null;
        Optional<int[]> runc = parse(runcVersion);
        List<String> assumptions = runc.isPresent() ? List.of() : List.of(name.equals("runc") ? runcAssumed(runcVersion)
                : "OCI runtime " + (name.isEmpty() ? "unknown" : name) + ": taken to stub the native architecture as runc 1.2 does");
        return new Loader(nativeArch, kernel != null ? kernel : podmanInfo.path("host").path("kernel").asText(null), true,
                stubsNativeArch(runc), Libseccomp.DEBIAN_12, assumptions);
    }

    /** Today's Docker and runc on {@code nativeArch}, for profiles judged away from any engine. */
    public static Loader current(Arch nativeArch, String kernel) {
        return of("28.0", "1.3", nativeArch, kernel);
    }

    private static Optional<int[]> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(version.strip());
        return matcher.find()
                ? Optional.of(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))})
                : Optional.empty();
    }

    private static boolean atLeast(int[] version, int major, int minor) {
        return version[0] != major ? version[0] > major : version[1] >= minor;
    }
}
