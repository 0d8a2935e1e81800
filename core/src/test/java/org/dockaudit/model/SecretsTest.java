package org.dockaudit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void secretLookingNamesButNotPathsToThem() {
        assertThat(Secrets.isSecretName("DB_PASSWORD")).isTrue();
        assertThat(Secrets.isSecretName("--api-key")).isTrue();
        assertThat(Secrets.isSecretName("GITHUB_TOKEN")).isTrue();
        assertThat(Secrets.isSecretName("POSTGRES_PASSWORD_FILE")).isFalse();
        assertThat(Secrets.isSecretName("PATH")).isFalse();
        assertThat(Secrets.isSecretName("--verbose")).isFalse();
        assertThat(Secrets.isSecretName("API_TOKEN\nX")).as("a newline does not hide a secret name").isTrue();
    }

    @Test
    void commandLinesKeepTheirShapeAndLoseTheirSecrets() {
        assertThat(Secrets.redactArguments(List.of("server", "--password=hunter2", "--token", "abc123", "--port", "80",
                "DB_PASSWORD=s3cret", "postgres://app:pw@db:5432/app")))
                .containsExactly("server", "--password=<redacted>", "--token", "<redacted>", "--port", "80",
                        "DB_PASSWORD=<redacted>", "postgres://app:<redacted>@db:5432/app");
    }

    @Test
    void shellCommandsAsOneText() {
        assertThat(Secrets.redactText("curl -f -u admin --password  hunter2 http://u:p@localhost/health"))
                .isEqualTo("curl -f -u admin --password  <redacted> http://u:<redacted>@localhost/health");
        assertThat(Secrets.holdsSecret("curl -f http://localhost/health")).isFalse();
    }
}
