package org.dockaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void commandLinesHealthChecksAndLabelsLoseTheirSecretsAndKeepTheRest() throws Exception {
        JsonNode inspect = Json.MAPPER.readTree("""
                {"Args":["--db","postgres://app:pw@db/app","--token","t0k"],
                 "Config":{"Env":["PATH=/bin","DB_PASSWORD=hunter2"],
                   "Cmd":["server","--password=hunter2","--port","80"],
                   "Entrypoint":["/entry.sh"],
                   "Healthcheck":{"Test":["CMD-SHELL","curl -fsu admin --password s3cret http://localhost/"]},
                   "Labels":{"com.example.api-key":"abc","com.example.owner":"team-a","traefik.auth":"user:x"}}}
                """);

        String redacted = Redactor.redact(inspect).toString();

        assertThat(redacted).doesNotContain("hunter2", "pw@", "t0k", "s3cret", "\"abc\"", "user:x");
        assertThat(redacted).contains("PATH=<redacted>", "DB_PASSWORD=<redacted>", "--port", "\"80\"", "/entry.sh",
                "postgres://app:<redacted>@db/app", "curl -fsu admin --password <redacted> http://localhost/", "team-a");
    }

    @Test
    void buildStepsInTheImageHistoryLoseTheirSecrets() throws Exception {
        JsonNode history = Json.MAPPER.readTree("""
                [{"CreatedBy": "/bin/sh -c curl https://deploy:hunter2@repo.example/app.tgz --header Token:abc --token t0k | tar xz"},
                 {"CreatedBy": "/bin/sh -c #(nop) ADD file:4f5e in / "}]
                """);

        String redacted = Redactor.redactHistory(history).toString();

        assertThat(redacted).doesNotContain("hunter2").doesNotContain("t0k").contains("ADD file:4f5e in /", "@repo.example/app.tgz");
    }
}
