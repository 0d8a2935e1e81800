package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void controlsAndReorderingCharactersAreShownNotObeyed() {
        assertThat(Terminal.escape("a\u001b[8mb")).isEqualTo("a\\e[8mb");
        assertThat(Terminal.escape("x\nCRITICAL y")).isEqualTo("x\\nCRITICAL y");
        assertThat(Terminal.escape("bell\u0007 del\u007f csi\u009b")).isEqualTo("bell\\x07 del\\x7f csi\\x9b");
        assertThat(Terminal.escape("admin\u202egnp.exe")).isEqualTo("admin\\u202egnp.exe");
    }

    @Test
    void ordinaryTextIsUntouched() {
        String text = "container web-1 — /var/run/docker.sock, café, 日本";
        assertThat(Terminal.escape(text)).isSameAs(text);
    }
}
