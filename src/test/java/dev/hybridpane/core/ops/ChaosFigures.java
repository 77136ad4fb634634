package dev.hybridpane.core.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The chaos suite's figures, one row per operation and kind of kill, printed ({@code CHAOS-ROW|...}) and, when
 * {@code -Dchaos.figures=FILE} is set (bench/chaos.sh), appended to that file for the bench's table. Goals: every kill
 * point finished after a resume, 0 duplicates, 0 nodes left cordoned, 0 nodes upgraded or hosts initialised twice, 0
 * leftovers (a lease left held, temporary files after the next start).
 */
public final class ChaosFigures {
    private ChaosFigures() {
    }

    /** {@code finished} of {@code kills}: kill points after which a re-run or resume finished the operation. */
    public static void row(String operation, String kill, int kills, int finished, int duplicates, int cordonedLeft,
                           int twice, int leftovers) {
        String line = String.join("|", "CHAOS-ROW", operation, kill, Integer.toString(kills), finished + "/" + kills,
                Integer.toString(duplicates), Integer.toString(cordonedLeft), Integer.toString(twice), Integer.toString(leftovers));
        System.out.println(line);
        String file = System.getProperty("chaos.figures");
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException("Could not write the chaos figures to " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
