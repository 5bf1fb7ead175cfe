package io.cleave.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Where the command line takes a password from: an environment variable, a file, or the terminal; never its arguments. */
final class Passwords {
    private Passwords() {
    }

    /**
     * @param environment the variable to look at first, e.g. CLEAVE_PASSWORD
     * @param file a file holding the password on its first line, or null
     * @param prompt what to ask on the terminal when neither is set
     */
    static char[] read(String environment, Path file, String prompt) {
        String fromEnvironment = System.getenv(environment);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (file != null) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the password file " + file + ": " + e, e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalStateException("no password: set " + environment + ", give a password file, or run in a "
                    + "terminal to be asked");
        }
        char[] password = console.readPassword("%s: ", prompt);
        if (password == null || password.length == 0) {
            throw new IllegalStateException("no password given");
        }
        return password;
    }

    /** A new password, asked twice on the terminal so a typo does not lock the user out. */
    static char[] readNew(String environment, Path file, String prompt) {
        char[] first = read(environment, file, prompt);
        if (System.getenv(environment) != null || file != null) {
            return first;
        }
        char[] again = read(environment, null, prompt + " (again)");
        if (!Arrays.equals(first, again)) {
            throw new IllegalStateException("the two new passwords differ");
        }
        return first;
    }
}
