package dev.hybridpane.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The `-o text|json` option of the list and show commands, checked the same way everywhere. */
public final class TextOrJson {
    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text")
    String output;

    /** False, having said why in one line, when the value is neither text nor json (the command exits 2). */
    boolean valid(PrintWriter err) {
        if (output.equals("text") || output.equals("json")) {
            return true;
        }
        err.println("-o: write text or json, not " + output + ".");
        return false;
    }

    boolean json() {
        return output.equals("json");
    }
}
