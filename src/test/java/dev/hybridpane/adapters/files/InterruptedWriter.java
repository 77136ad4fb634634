package dev.hybridpane.adapters.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that starts an atomic write of the file in its argument and never finishes it: it prints "writing" once the
 * temporary file holds part of the content, then waits to be killed.
 */
public final class InterruptedWriter {
    private InterruptedWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), tmp -> {
            Files.writeString(tmp, "{\"accessToken\": \"half-writ");
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
