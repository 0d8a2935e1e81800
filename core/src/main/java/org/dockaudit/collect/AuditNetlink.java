package org.dockaudit.collect;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dockaudit.model.AuditRules;
import org.dockaudit.model.Fact;

/**
 * The kernel's audit state, asked over its netlink socket as {@code auditctl -s} and
 * {@code auditctl -l} ask it: whether auditing is on, which process collects the records, and the
 * rules loaded now, written back in auditctl's syntax. Reading needs {@code CAP_AUDIT_CONTROL} in
 * the initial user and pid namespaces; elsewhere the kernel refuses, and the fact says so.
 */
final class AuditNetlink {

    private static final int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 0x80000, NETLINK_AUDIT = 9;
    private static final int SOL_SOCKET = 1, SO_RCVTIMEO = 20;
    private static final short NLM_F_REQUEST = 1;
    private static final int NLMSG_ERROR = 2, NLMSG_DONE = 3, AUDIT_GET = 1000, AUDIT_LIST_RULES = 1013;
    private static final int HEADER = 16;
    /** {@code struct audit_rule_data}: flags, action, field_count, mask[64], fields[64], values[64], fieldflags[64], buflen, buf. */
    private static final int FIELDS = 12 + 64 * 4, VALUES = FIELDS + 64 * 4, BUFLEN = VALUES + 2 * 64 * 4, BUF = BUFLEN + 4;
    private static final int AUDIT_PERM = 106, AUDIT_WATCH = 105, AUDIT_DIR = 107, AUDIT_EXE = 112, AUDIT_FILTERKEY = 210;
    /** Fields whose value is a string in {@code buf}, as the kernel's audit_data_to_entry reads them. */
    private static final List<Integer> STRING_FIELDS = List.of(13, 14, 15, 16, 17, 19, 20, 21, 22, 23, AUDIT_WATCH, AUDIT_DIR, AUDIT_EXE,
            AUDIT_FILTERKEY);
    private static final Map<Integer, String> NAMES = Map.of(AUDIT_DIR, "dir", AUDIT_EXE, "exe", 105, "path", 0, "pid", 1, "uid",
            2, "gid", 11, "arch", 9, "auid");
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    private static final long SOCKET = SystemCalls.number("socket"), SETSOCKOPT = SystemCalls.number("setsockopt"),
            SENDTO = SystemCalls.number("sendto"), RECVFROM = SystemCalls.number("recvfrom"), CLOSE = SystemCalls.number("close");

    private AuditNetlink() {}

    /** The kernel's audit status and loaded rules, or why they could not be read. */
    static Fact<AuditRules.Loaded> read() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = SystemCalls.errnoState(arena);
            int fd = (int) SystemCalls.call(errno, SOCKET, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
            if (fd < 0) {
                return Fact.unknown(Fact.Gap.UNSUPPORTED, "the kernel's audit socket: " + error(errno));
            }
            try {
                // A kernel that never answers must not hang the audit.
                MemorySegment timeout = arena.allocate(16);
                timeout.set(ValueLayout.JAVA_LONG, 0, 2);
                long set = SystemCalls.call(errno, SETSOCKOPT, fd, SOL_SOCKET, SO_RCVTIMEO, timeout.address(), 16);
                if (set < 0) {
                    return Fact.unknown("the kernel's audit socket: " + error(errno));
                }
                List<MemorySegment> status = ask(arena, errno, fd, AUDIT_GET);
                if (status.isEmpty()) {
                    return Fact.unknown("the kernel sent no audit status");
                }
                // struct audit_status: mask, enabled, failure, pid, ...
                int enabled = status.getFirst().get(INT, 4);
                int pid = status.getFirst().get(INT, 12);
                List<String> rules = new ArrayList<>();
                for (MemorySegment rule : ask(arena, errno, fd, AUDIT_LIST_RULES)) {
                    rules.add(describe(rule));
                }
                return Fact.of(new AuditRules.Loaded(enabled, pid, rules));
            } finally {
                SystemCalls.call(errno, CLOSE, fd);
            }
        } catch (RefusedException e) {
            return Fact.unknown(Fact.Gap.DENIED, "the kernel refused to show its audit rules (" + e.getMessage()
                    + "): reading them needs CAP_AUDIT_CONTROL in the host's namespaces");
        } catch (Throwable e) {
            return Fact.unknown("the kernel's audit rules: " + e.getMessage());
        }
    }

    /** A refusal from the kernel (EPERM, ECONNREFUSED). */
    private static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /** The payloads of the kernel's answers of {@code type} to one request of it, up to the end of a dump. */
    private static List<MemorySegment> ask(Arena arena, MemorySegment errno, int fd, int type) throws RefusedException {
        MemorySegment request = arena.allocate(HEADER);
        request.set(INT, 0, HEADER);
        request.set(SHORT, 4, (short) type);
        request.set(SHORT, 6, NLM_F_REQUEST);
        request.set(INT, 8, type);
        MemorySegment kernel = arena.allocate(12);
        kernel.set(SHORT, 0, (short) AF_NETLINK);
        long sent = SystemCalls.call(errno, SENDTO, fd, request.address(), HEADER, 0, kernel.address(), 12);
        if (sent < 0) {
            throw new RefusedException(error(errno));
        }
        List<MemorySegment> answers = new ArrayList<>();
        MemorySegment buffer = arena.allocate(1 << 16);
        while (true) {
            long received = SystemCalls.call(errno, RECVFROM, fd, buffer.address(), buffer.byteSize(), 0, 0, 0);
            if (received < 0) {
                throw new IllegalStateException("no answer from the kernel's audit socket: " + error(errno));
            }
            for (long offset = 0; offset + HEADER <= received; ) {
                int length = buffer.get(INT, offset);
                int kind = Short.toUnsignedInt(buffer.get(SHORT, offset + 4));
                if (length < HEADER || offset + length > received) {
                    throw new IllegalStateException("a malformed netlink message from the kernel");
                }
                if (kind == NLMSG_ERROR) {
                    int code = -buffer.get(INT, offset + HEADER);
                    if (code != 0) {
                        throw new RefusedException(strerror(code));
                    }
                } else if (kind == NLMSG_DONE) {
                    return answers;
                } else if (kind == type) {
                    answers.add(arena.allocate(length - HEADER).copyFrom(buffer.asSlice(offset + HEADER, length - HEADER)));
                    if (type != AUDIT_LIST_RULES) {
                        return answers;
                    }
                }
                offset += (length + 3) & ~3;
            }
        }
    }

    /** One {@code struct audit_rule_data} in auditctl's words: {@code -w PATH -p wa -k KEY}, or {@code -a ... -F path=...}. */
    static String describe(MemorySegment rule) {
        int count = rule.get(INT, 8);
        long strings = BUF;
        String watch = null;
        String key = null;
        int permissions = 0;
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < Math.min(count, 64); i++) {
            int field = rule.get(INT, FIELDS + 4L * i);
            int value = rule.get(INT, VALUES + 4L * i);
            if (STRING_FIELDS.contains(field)) {
                String text = new String(rule.asSlice(strings, value).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
                strings += value;
                switch (field) {
                    case AUDIT_WATCH, AUDIT_DIR -> {
                        watch = text;
                        fields.add("-F " + NAMES.get(field) + "=" + text);
                    }
                    case AUDIT_FILTERKEY -> key = text;
                    default -> fields.add("-F " + NAMES.getOrDefault(field, "field" + field) + "=" + text);
                }
            } else if (field == AUDIT_PERM) {
                permissions = value;
            } else {
                fields.add("-F " + NAMES.getOrDefault(field, "field" + field) + "=" + Integer.toUnsignedString(value));
            }
        }
        String perm = (permissions & 4) != 0 ? "r" : "";
        perm += (permissions & 2) != 0 ? "w" : "";
        perm += (permissions & 1) != 0 ? "x" : "";
        perm += (permissions & 8) != 0 ? "a" : "";
        if (watch != null && fields.size() == 1) {
            return "-w " + watch + (perm.isEmpty() ? "" : " -p " + perm) + (key == null ? "" : " -k " + key);
        }
        return "-a always,exit " + String.join(" ", fields) + (perm.isEmpty() ? "" : " -F perm=" + perm) + (key == null ? "" : " -k " + key);
    }

    private static String error(MemorySegment errno) {
        return strerror(SystemCalls.errno(errno));
    }

    /** libc's text for an error code, as auditctl prints it; linked on the first error only. */
    private static String strerror(int code) {
        try {
            MemorySegment text = (MemorySegment) Strerror.HANDLE.invokeExact(code);
            return text.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "errno " + code;
        }
    }

    private static final class Strerror {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(Linker.nativeLinker().defaultLookup().find("strerror")
                .orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }
}
