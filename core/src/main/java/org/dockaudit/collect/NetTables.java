package org.dockaudit.collect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/<pid>/net/tcp}, {@code tcp6} and {@code unix}: listening sockets with their inode. */
final class NetTables {

    /** A listening socket; {@code address} is the socket path for unix sockets. */
    record Entry(String protocol, String address, int port, long inode) {}

    private static final String TCP_LISTEN = "0A";
    /** {@code __SO_ACCEPTCON} in the Flags column: a unix socket that listens. */
    private static final int UNIX_ACCEPTING = 0x10000;

    private NetTables() {}

    static List<Entry> tcp(String protocol, String table) {
        List<Entry> entries = new ArrayList<>();
        for (String line : table.lines().skip(1).toList()) {
            String[] fields = ProcFs.WHITESPACE.split(line.trim());
            if (fields.length < 10 || !fields[3].equals(TCP_LISTEN)) {
                continue;
            }
            String[] local = fields[1].split(":");
            entries.add(new Entry(protocol, address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(fields[9])));
        }
        return entries;
    }

    static List<Entry> unix(String table) {
        List<Entry> entries = new ArrayList<>();
        for (String line : table.lines().skip(1).toList()) {
            String[] fields = ProcFs.WHITESPACE.split(line.trim());
            if (fields.length < 8 || (Integer.parseInt(fields[3], 16) & UNIX_ACCEPTING) == 0) {
                continue;
            }
            entries.add(new Entry("unix", fields[7], 0, Long.parseLong(fields[6])));
        }
        return entries;
    }

    /** The kernel prints addresses as 32-bit words in host (little-endian) order. */
    static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int offset = (word * 4 + i) * 2;
                bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(offset, offset + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + hex, e);
        }
    }
}
