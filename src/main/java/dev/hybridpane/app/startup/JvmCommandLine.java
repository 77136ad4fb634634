package dev.hybridpane.app.startup;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JVM options the user gave the launcher JVM, read from its command line, so that the {@link Launcher} can pass
 * them on to the console's JVM. Reading them here is cheaper than asking JMX's runtime bean, which loads every
 * platform MXBean provider into the launcher JVM while the user waits; JMX remains the answer where the command line
 * does not tell them all. Like the launcher, this class uses the JDK only and no lambdas or streams.
 */
public final class JvmCommandLine {
    /** Options of the java launcher that name a value in the next argument and are passed on to the JVM. */
    private static final Set<String> VALUE_OPTIONS = Set.of("-p", "--module-path", "--upgrade-module-path",
            "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
            "--enable-native-access");
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");
    /** Options the java launcher itself acts on, which the child must not act on again. */
    private static final Set<String> LAUNCHER_ONLY_OPTIONS = Set.of("-showversion", "--show-version");

    private JvmCommandLine() {
    }

    /**
     * This process's command line as Linux keeps it ({@code /proc/self/cmdline}: a NUL after each argument, in the
     * encoding the JVM decoded its arguments with), or null elsewhere.
     */
    public static List<String> procCommandLine() {
        Path cmdline = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(cmdline)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            Charset encoding = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
            List<String> line = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    line.add(new String(bytes, from, i - from, encoding));
                    from = i + 1;
                }
            }
            return line;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The JVM options in this process's command line ({@code /proc/self/cmdline}, split at its NULs), when it has the
     * shape {@code java [options] (-jar JAR | [-cp PATH] MAIN) args}: what the user typed, for the child. Empty when
     * it may not tell all of them: an argument file ({@code @file}), {@code JDK_JAVA_OPTIONS}, a module, or arguments
     * that are not {@code args}. Then the caller asks JMX's runtime bean instead.
     */
    public static Optional<List<String>> jvmOptions(List<String> commandLine, String[] args, Map<String, String> env) {
        String fromEnv = env.get("JDK_JAVA_OPTIONS");
        if (commandLine.isEmpty() || (fromEnv != null && !fromEnv.isBlank())) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        int i = 1;
        while (i < commandLine.size()) {
            String a = commandLine.get(i);
            if (a.equals("-jar")) {
                i += 2; // the jar: the application's arguments follow
                break;
            }
            if (!a.startsWith("-")) {
                if (a.startsWith("@")) {
                    return Optional.empty();
                }
                i++; // the main class
                break;
            }
            if (a.equals("-m") || a.equals("--module") || a.startsWith("--module=") || a.equals("--source")) {
                return Optional.empty();
            }
            if (CLASS_PATH_OPTIONS.contains(a)) {
                i += 2; // the child gets the class path from the plan
                continue;
            }
            if (VALUE_OPTIONS.contains(a) && i + 1 < commandLine.size()) {
                options.add(a);
                options.add(commandLine.get(i + 1));
                i += 2;
                continue;
            }
            if (!LAUNCHER_ONLY_OPTIONS.contains(a) && !a.startsWith("-splash:")) {
                options.add(a);
            }
            i++;
        }
        if (i > commandLine.size() || !commandLine.subList(i, commandLine.size()).equals(List.of(args))) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(options));
    }
}
