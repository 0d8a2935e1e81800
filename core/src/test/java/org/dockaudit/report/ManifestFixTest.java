package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compose keys said as a Kubernetes manifest's fields; what has none is named, never dropped. */
class ManifestFixTest {

    @Test
    void limitsAndUsersTakeKubernetesUnitsAndTypes() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("mem_limit", "1g");
        set.put("cpus", 0.5);
        set.put("user", "1000");
        ManifestFix fix = ManifestFix.of(set, List.of());

        assertThat(ManifestFix.flow(fix.container()))
                .isEqualTo("{resources: {limits: {memory: 1Gi, cpu: 500m}}, securityContext: {runAsUser: 1000, runAsNonRoot: true}}");
        assertThat(fix.byHand()).isEmpty();
    }

    @Test
    void aUserNameHasNoFieldAndIsSaidSo() {
        ManifestFix fix = ManifestFix.of(Map.of("user", "nobody"), List.of());

        assertThat(fix.container()).isEmpty();
        assertThat(fix.byHand()).containsExactly("user: \"nobody\" (Kubernetes takes a numeric runAsUser)");
    }

    @Test
    void unconfinedProfilesAreReplacedAndOtherKeysLeftByHand() {
        ManifestFix fix = ManifestFix.of(Map.of("cgroup", "private"),
                List.of("security_opt: apparmor=unconfined", "security_opt: label=disable", "privileged", "ipc", "devices: /dev/kvm"));

        assertThat(ManifestFix.flow(fix.container())).isEqualTo("{securityContext: {appArmorProfile: {type: RuntimeDefault}}}");
        assertThat(fix.delete()).containsExactly("securityContext.seLinuxOptions (label:disable)", "securityContext.privileged", "hostIPC (pod)");
        assertThat(fix.byHand()).containsExactly("cgroup: \"private\"", "delete devices: /dev/kvm");
    }

    @Test
    void blockStyleIsTheSameFieldsOneLineEach() {
        ManifestFix fix = ManifestFix.of(Map.of("read_only", true), List.of());

        assertThat(ManifestFix.block(fix.container())).containsExactly("securityContext:", "  readOnlyRootFilesystem: true");
    }
}
