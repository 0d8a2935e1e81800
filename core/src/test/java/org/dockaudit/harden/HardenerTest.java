package org.dockaudit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dockaudit.model.HardenPlan;
import org.dockaudit.model.Json;
import org.dockaudit.model.TraceResult;
import org.dockaudit.seccomp.Arch;
import org.junit.jupiter.api.Test;

class HardenerTest {

    /** An inspect document as the Engine API gives it, trimmed to what harden reads; extra keys in single quotes. */
    static JsonNode container(String hostConfig, String config) throws Exception {
        hostConfig = hostConfig.replace('\'', '"');
        config = config.replace('\'', '"');
        return Json.MAPPER.readTree("""
                {"Id": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Name": "/web",
                 "Image": "sha256:feed", "State": {"Running": true, "Pid": 42},
                 "Config": {"Image": "web:1.0", "Env": ["PATH=/usr/bin", "API_TOKEN=s3cret"], "Cmd": ["httpd", "-f"] %s},
                 "HostConfig": {"NetworkMode": "default" %s}}""".formatted(config, hostConfig));
    }

    static final JsonNode IMAGE = Json.MAPPER.createObjectNode().set("Config", Json.MAPPER.createObjectNode()
            .<ObjectNode>set("Env", Json.MAPPER.createArrayNode().add("PATH=/usr/bin"))
            .set("Cmd", Json.MAPPER.createArrayNode().add("httpd").add("-f")));

    static TraceResult trace(Map<String, TraceResult.CapabilityUse> caps, List<TraceResult.Change> written, List<TraceResult.Process> processes,
            TraceResult.Peaks peaks, String mode) {
        return new TraceResult("web", "web:1.0", mode, 3, caps, Map.of("x86_64", Map.of("bind", 1L, "accept", 2L, "setuid", 1L)), Map.of(),
                processes, 0, peaks, written, List.of());
    }

    static final Map<String, TraceResult.CapabilityUse> SETUID_SETGID = Map.of(
            "CAP_SETUID", new TraceResult.CapabilityUse(1, 0, 7, "httpd"),
            "CAP_SETGID", new TraceResult.CapabilityUse(2, 0, 7, "httpd"),
            "CAP_SYS_ADMIN", new TraceResult.CapabilityUse(0, 13, 7, "sh"));

    @Test
    void grantedCapabilitiesOnlyAreAddedBackAndRefusedOnesAreNot() throws Exception {
        Least least = Hardener.derive(container("", ""), trace(SETUID_SETGID, List.of(), List.of(), TraceResult.Peaks.UNKNOWN, "copy"),
                new ArrayList<>());

        assertThat(least.capabilities()).containsExactly("SETGID", "SETUID");
        assertThat(least.syscalls()).containsOnlyKeys(Arch.X86_64);
        assertThat(least.noNewPrivileges()).isTrue();
        assertThat(least.readOnly()).as("nothing written").isTrue();
        assertThat(least.tmpfs()).isEmpty();
    }

    @Test
    void aDirectoryTheWorkloadCreatesBecomesATmpfsAndAScratchDirectoryToo() {
        List<String> tmpfs = new ArrayList<>();
        boolean readOnly = Hardener.writableDirectories(List.of(new TraceResult.Change("/tmp", "changed"),
                new TraceResult.Change("/tmp/cache", "added"), new TraceResult.Change("/tmp/cache/x", "added"),
                new TraceResult.Change("/www", "added"), new TraceResult.Change("/www/index.html", "added")), "1000:1000", tmpfs, new ArrayList<>());

        assertThat(readOnly).isTrue();
        assertThat(tmpfs).containsExactly("/tmp:uid=1000,gid=1000", "/www:uid=1000,gid=1000");
    }

    @Test
    void aFileOfTheImageChangedAtRunTimeForbidsReadOnlyAndIsNamed() {
        List<String> notes = new ArrayList<>();
        boolean readOnly = Hardener.writableDirectories(List.of(new TraceResult.Change("/etc", "changed"),
                new TraceResult.Change("/etc/passwd", "changed")), null, new ArrayList<>(), notes);

        assertThat(readOnly).isFalse();
        assertThat(notes).singleElement().asString().contains("/etc/passwd (changed)");
    }

    @Test
    void aProgramThatGainedPrivilegesKeepsThemPossible() throws Exception {
        List<String> notes = new ArrayList<>();
        Least least = Hardener.derive(container("", ""), trace(SETUID_SETGID, List.of(),
                List.of(new TraceResult.Process(9, "/bin/su", "x86_64", true)), TraceResult.Peaks.UNKNOWN, "copy"), notes);

        assertThat(least.noNewPrivileges()).isFalse();
        assertThat(notes).anyMatch(note -> note.contains("/bin/su"));
    }

    @Test
    void limitsAreTwiceThePeaksWithAFloor() throws Exception {
        Least least = Hardener.derive(container("", ""), trace(SETUID_SETGID, List.of(), List.of(),
                new TraceResult.Peaks(100L << 20, 40), "copy"), new ArrayList<>());

        assertThat(least.memoryBytes()).isEqualTo(208L << 20);
        assertThat(least.pids()).isEqualTo(80);
    }

    @Test
    void anStraceTraceLeavesTheCapabilitiesAlone() throws Exception {
        List<String> notes = new ArrayList<>();
        Least least = Hardener.derive(container("", ""), trace(Map.of(), List.of(), List.of(), TraceResult.Peaks.UNKNOWN, "strace"), notes);

        assertThat(least.capabilities()).isNull();
        assertThat(least.user()).isNull();
        assertThat(notes).anyMatch(note -> note.contains("strace trace has no capability checks"));
    }

    @Test
    void aRootWorkloadThatUsedNoPrivilegeIsOfferedAnotherUser() throws Exception {
        Least least = Hardener.derive(container("", ""), trace(Map.of(), List.of(), List.of(), TraceResult.Peaks.UNKNOWN, "copy"),
                new ArrayList<>());

        assertThat(least.user()).isEqualTo("65534:65534");
    }

    @Test
    void theRunLineKeepsTheOriginalsSettingsPassesSecretsByNameAndDropsWhatTheAuditRemoves() throws Exception {
        JsonNode original = container(", 'Privileged': true, 'PidMode': 'host', 'Binds': ['/srv/www:/www:ro'],"
                + " 'PortBindings': {'80/tcp': [{'HostIp': '', 'HostPort': '8080'}]}, 'Sysctls': {'net.core.somaxconn': '1024'}", "");
        TraceResult traced = trace(SETUID_SETGID, List.of(), List.of(), TraceResult.Peaks.UNKNOWN, "copy");
        List<String> notes = new ArrayList<>();
        Least least = Hardener.derive(original, traced, notes);

        HardenPlan plan = Hardener.plan(original, IMAGE, traced, least, Hardener.auditFixes(original), "web-seccomp.json", notes);

        String line = String.join(" ", plan.command());
        assertThat(line).startsWith("docker run -d --name web ")
                .contains("-e API_TOKEN", "-v /srv/www:/www:ro", "-p 8080:80", "--sysctl net.core.somaxconn=1024",
                        "--cap-drop ALL --cap-add SETGID --cap-add SETUID", "--security-opt seccomp=web-seccomp.json",
                        "--security-opt no-new-privileges", "--read-only")
                .doesNotContain("s3cret", "-e PATH", "--privileged", "--pid=host")
                .endsWith(" web:1.0");
        assertThat(plan.removals()).extracting(HardenPlan.Removal::flag).contains("--privileged", "--pid=host");
        assertThat(plan.compose()).containsEntry("cap_add", List.of("SETGID", "SETUID")).containsEntry("read_only", true);
        assertThat(plan.composeDelete()).contains("privileged", "pid");
        assertThat(plan.notes()).anyMatch(note -> note.contains("passed by name"));
    }

    @Test
    void theHardenedCopyGetsTheProfileInlineAndLosesPrivilegedAndHostNamespaces() throws Exception {
        JsonNode original = container(", 'Privileged': true, 'PidMode': 'host', 'SecurityOpt': ['seccomp=unconfined', 'apparmor=x']", "");
        TraceResult traced = trace(SETUID_SETGID, List.of(new TraceResult.Change("/www", "added"),
                new TraceResult.Change("/www/a", "added")), List.of(), new TraceResult.Peaks(10L << 20, 3), "copy");
        Least least = Hardener.derive(original, traced, new ArrayList<>());
        ObjectNode profile = Hardener.profile(least, new ArrayList<>());
        List<HardenPlan.Removal> removals = Hardener.plan(original, IMAGE, traced, least, Hardener.auditFixes(original), null, List.of())
                .removals();
        ObjectNode body = (ObjectNode) Json.MAPPER.createObjectNode().set("HostConfig", original.path("HostConfig").deepCopy());

        JsonNode host = Hardener.hardenedBody(body, least, profile, removals).path("HostConfig");

        assertThat(host.path("Privileged").asBoolean()).isFalse();
        assertThat(host.path("PidMode").asText()).isEmpty();
        assertThat(host.path("CapDrop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(host.path("CapAdd").toString()).isEqualTo("[\"SETGID\",\"SETUID\"]");
        assertThat(host.path("SecurityOpt").get(0).asText()).isEqualTo("apparmor=x");
        assertThat(host.path("SecurityOpt").get(1).asText()).startsWith("seccomp={").contains("\"bind\"");
        assertThat(host.path("SecurityOpt").get(2).asText()).isEqualTo("no-new-privileges:true");
        assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(host.path("Tmpfs").has("/www")).isTrue();
        assertThat(host.path("Memory").asLong()).isEqualTo(48L << 20);
        assertThat(host.path("PidsLimit").asLong()).isEqualTo(19);
    }
}
