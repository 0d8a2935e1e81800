package org.dockaudit.check;

import java.util.Optional;

/** Who a configured user is: {@code USER}, {@code --user} and {@code Config.User} give a name or a uid. */
public final class Users {

    private Users() {}

    /**
     * Whether {@code user} ({@code name}, {@code uid}, or either with {@code :group}) is uid 0: empty,
     * {@code 0}, {@code root}, or a name the image's passwd maps to uid 0.
     */
    public static boolean isRoot(String user, Optional<String> passwd) {
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty() || name.equals("0") || name.equals("root")) {
            return true;
        }
        if (name.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return passwd.flatMap(file -> uidOf(name, file)).map(uid -> uid == 0).orElse(false);
    }

    /** The uid a passwd file gives a name. */
    static Optional<Integer> uidOf(String name, String passwd) {
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name)) {
                try {
                    return Optional.of(Integer.parseInt(fields[2].strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
