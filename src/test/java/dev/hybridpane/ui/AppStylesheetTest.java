package dev.hybridpane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The build compiles app.css to app.bss beside it, and JavaFX loads the .bss in its place: it must say exactly what
 * app.css says (a stale or broken one would style the console differently from its source).
 */
class AppStylesheetTest {
    @Test
    void theBinaryStylesheetHasEveryRuleOfTheSource() throws Exception {
        URL css = AppStylesheetTest.class.getResource("/dev/hybridpane/ui/app.css");
        URL bss = AppStylesheetTest.class.getResource("/dev/hybridpane/ui/app.bss");
        assertThat(bss).as("app.bss is built beside app.css").isNotNull();
        Stylesheet source = new CssParser().parse(css);
        Stylesheet binary = Stylesheet.loadBinary(bss);
        assertThat(source.getRules()).hasSizeGreaterThan(100);
        assertThat(rules(binary.getRules())).containsExactlyElementsOf(rules(source.getRules()));
        assertThat(binary.getFontFaces()).hasSameSizeAs(source.getFontFaces());
    }

    /** Each rule's selectors and declarations (a binary stylesheet's rules read them on first access). */
    private static List<String> rules(List<Rule> rules) {
        return rules.stream().map(r -> r.getSelectors() + " " + r.getDeclarations()).toList();
    }
}
