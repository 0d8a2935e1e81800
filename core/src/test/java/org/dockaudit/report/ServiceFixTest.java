package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compose keys said as docker service update flags; what a service cannot say is named. */
class ServiceFixTest {

    @Test
    void aServiceIsUpdatedWithTheServicesOwnFlags() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("cap_drop", List.of("ALL"));
        set.put("mem_limit", "512m");
        set.put("pids_limit", 100);
        set.put("restart", "on-failure:5");
        set.put("read_only", true);
        set.put("tmpfs", List.of("/tmp:mode=1777"));
        ServiceFix fix = ServiceFix.of(set, List.of("cap_add: NET_ADMIN", "volumes: /etc:/host-etc", "ports: 8080:80", "restart"));

        assertThat(fix.update()).containsExactly("--cap-drop ALL", "--limit-memory 512m", "--limit-pids 100",
                "--restart-condition on-failure", "--restart-max-attempts 5", "--read-only",
                "--mount-add type=tmpfs,destination=/tmp,tmpfs-mode=1777", "--cap-drop NET_ADMIN", "--mount-rm /host-etc",
                "--publish-rm 80");
        assertThat(fix.byHand()).isEmpty();
    }

    @Test
    void whatAServiceCannotSetIsNamed() {
        ServiceFix fix = ServiceFix.of(Map.of("security_opt", List.of("no-new-privileges:true")), List.of("privileged"));

        assertThat(fix.update()).isEmpty();
        assertThat(fix.byHand()).containsExactly(
                "security_opt: no-new-privileges:true (a service cannot set it: no-new-privileges in each node's daemon.json)",
                "delete privileged");
    }
}
