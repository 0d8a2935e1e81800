package org.dockaudit.check.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Secrets;

/**
 * CIS 7.4: services get their secrets through {@code docker secret} (a tmpfs file in the task,
 * encrypted in the raft log), not in their environment, which every {@code docker service
 * inspect} shows. Judged on each service ({@code service/NAME}), by what it does: docker-bench
 * passes a swarm as soon as one secret exists. A container's environment is IMG-006's; a service
 * is judged here only, where the remedy is the swarm's own.
 */
@CheckInfo(
        id = "SWM-004",
        title = "Swarm service passes a secret in its environment",
        severity = Severity.MEDIUM,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "7.4",
        remediation = "Move the value into a secret (`docker secret create NAME -`) and give it to the service with `--secret NAME`;"
                + " the program reads `/run/secrets/NAME` (many images take `NAME_FILE=/run/secrets/NAME`).")
public final class ServiceSecretsInEnvironment implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        JsonNode service = container.swarmService().orElse(null);
        if (service == null) {
            HostContext host = new HostContext(container.snapshot());
            if (host.infoIfKnown().isPresent()) {
                SwarmCheck.manager(host); // says so off a swarm, or on a worker
            }
            return Outcome.notApplicable("not a swarm service (a container's environment is IMG-006's)");
        }
        JsonNode spec = service.path("Spec").path("TaskTemplate").path("ContainerSpec");
        List<String> names = new ArrayList<>();
        for (JsonNode entry : spec.path("Env")) {
            String[] nameAndValue = entry.asText().split("=", 2);
            if (nameAndValue.length == 2 && !nameAndValue[1].isEmpty() && Secrets.isSecretName(nameAndValue[0])) {
                names.add(nameAndValue[0]);
            }
        }
        if (!names.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, List.of(String.join(", ", names) + " in the service's environment (values not shown):"
                    + " readable by anyone who can run `docker service inspect`, on every node that runs a task, and in /proc/<pid>/environ"));
        }
        List<String> secrets = new ArrayList<>();
        spec.path("Secrets").forEach(secret -> secrets.add(secret.path("SecretName").asText()));
        return Outcome.pass("no secret-looking variable in the service's environment"
                + (secrets.isEmpty() ? "" : "; docker secrets: " + String.join(", ", secrets)));
    }
}
