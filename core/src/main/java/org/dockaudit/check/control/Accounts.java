package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Users and groups of the host, from {@code /etc/passwd} and {@code /etc/group}. */
record Accounts(List<String[]> passwd, List<String[]> groups) {

    static Accounts parse(String passwdFile, String groupFile) {
        return new Accounts(fields(passwdFile), fields(groupFile));
    }

    private static List<String[]> fields(String file) {
        List<String[]> entries = new ArrayList<>();
        for (String line : file.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                entries.add(line.split(":", -1));
            }
        }
        return entries;
    }

    Optional<String> userName(int uid) {
        return passwd.stream().filter(u -> u.length > 2 && u[2].equals(Integer.toString(uid))).map(u -> u[0]).findFirst();
    }

    Optional<String> groupName(int gid) {
        return groups.stream().filter(g -> g.length > 2 && g[2].equals(Integer.toString(gid))).map(g -> g[0]).findFirst();
    }

    Optional<Integer> groupId(String name) {
        return groups.stream().filter(g -> g.length > 2 && g[0].equals(name)).map(g -> Integer.valueOf(g[2])).findFirst();
    }

    /** Listed members of the group, and users whose primary group it is; root excepted. */
    List<String> members(int gid) {
        Set<String> members = new LinkedHashSet<>();
        for (String[] group : groups) {
            if (group.length > 3 && group[2].equals(Integer.toString(gid)) && !group[3].isBlank()) {
                for (String member : group[3].split(",")) {
                    members.add(member.trim());
                }
            }
        }
        for (String[] user : passwd) {
            if (user.length > 3 && user[3].equals(Integer.toString(gid))) {
                members.add(user[0] + " (primary group)");
            }
        }
        members.remove("root");
        members.remove("root (primary group)");
        return List.copyOf(members);
    }
}
