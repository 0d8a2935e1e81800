package org.dockaudit.check.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Secrets;

/**
 * CIS 7.4: services get their secrets through {@code docker secret} (a tmpfs file in the task,
 * encrypted in the raft log), not in their environment, which every {@code docker service
 * inspect} shows. Judged on what the services do, by name: docker-bench passes a swarm as soon as
 * one secret exists.
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
public final class ServiceSecretsInEnvironment extends SwarmCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        JsonNode services = cluster(host).path("services");
        if (services.isEmpty()) {
            return Outcome.notApplicable("no service");
        }
        List<String> evidence = new ArrayList<>();
        int usingSecrets = 0;
        for (JsonNode service : services) {
            JsonNode container = service.path("Spec").path("TaskTemplate").path("ContainerSpec");
            List<String> names = new ArrayList<>();
            container.path("Env").forEach(entry -> {
                String name = entry.asText().split("=", 2)[0];
                if (Secrets.isSecretName(name)) {
                    names.add(name);
                }
            });
            if (!names.isEmpty()) {
                evidence.add("service " + service.path("Spec").path("Name").asText() + ": " + String.join(", ", names) + " in its environment");
            }
            usingSecrets += container.path("Secrets").isEmpty() ? 0 : 1;
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, evidence);
        }
        return Outcome.pass(services.size() + " service(s), none with a secret-looking variable; " + usingSecrets + " use docker secrets");
    }
}
