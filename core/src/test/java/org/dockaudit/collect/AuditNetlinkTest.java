package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Rules as the kernel sends them ({@code struct audit_rule_data} of linux/audit.h), written back in
 * auditctl's syntax; the live read is exercised by every audit on a host (its state is in the
 * snapshot's {@code auditRules.loaded}).
 */
class AuditNetlinkTest {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final int FIELDS = 12 + 256, VALUES = FIELDS + 256, BUFLEN = VALUES + 512, BUF = BUFLEN + 4;

    /** A rule with {@code fields[i] = values[i]}; string values are appended to {@code buf}. */
    private static MemorySegment rule(Arena arena, Object... fieldsAndValues) {
        MemorySegment rule = arena.allocate(BUF + 4096);
        int strings = 0;
        int count = fieldsAndValues.length / 2;
        rule.set(INT, 8, count);
        for (int i = 0; i < count; i++) {
            rule.set(INT, FIELDS + 4L * i, (Integer) fieldsAndValues[2 * i]);
            Object value = fieldsAndValues[2 * i + 1];
            if (value instanceof String text) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                MemorySegment.copy(bytes, 0, rule, ValueLayout.JAVA_BYTE, BUF + strings, bytes.length);
                strings += bytes.length;
                rule.set(INT, VALUES + 4L * i, bytes.length);
            } else {
                rule.set(INT, VALUES + 4L * i, (Integer) value);
            }
        }
        rule.set(INT, BUFLEN, strings);
        return rule;
    }

    @Test
    void aWatchReadsAsAuditctlWritesIt() {
        try (Arena arena = Arena.ofConfined()) {
            // auditctl -w /usr/bin/dockerd -p wa -k docker: AUDIT_WATCH, AUDIT_PERM (write 2 | attr 8), AUDIT_FILTERKEY.
            assertThat(AuditNetlink.describe(rule(arena, 105, "/usr/bin/dockerd", 106, 10, 210, "docker")))
                    .isEqualTo("-w /usr/bin/dockerd -p wa -k docker");
            assertThat(AuditNetlink.describe(rule(arena, 107, "/etc/docker", 106, 15)))
                    .isEqualTo("-w /etc/docker -p rwxa");
        }
    }

    @Test
    void aSyscallRuleKeepsItsPathField() {
        try (Arena arena = Arena.ofConfined()) {
            // -a always,exit -F arch=b64 -F path=/usr/bin/runc -F perm=x -k runc
            String rule = AuditNetlink.describe(rule(arena, 11, 0xc000003e, 105, "/usr/bin/runc", 106, 1, 210, "runc"));
            assertThat(rule).startsWith("-a always,exit").contains("-F path=/usr/bin/runc").contains("-F perm=x").endsWith("-k runc");
        }
    }
}
