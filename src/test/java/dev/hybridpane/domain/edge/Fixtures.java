package dev.hybridpane.domain.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real command outputs kept under src/test/resources/edge/&lt;distro&gt;/. */
final class Fixtures {
    private Fixtures() {
    }

    static String read(String distro, String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/edge/" + distro + "/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + distro + "/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
