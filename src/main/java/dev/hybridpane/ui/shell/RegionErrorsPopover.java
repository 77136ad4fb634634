package dev.hybridpane.ui.shell;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.ui.fleet.FleetProblems;
import dev.hybridpane.ui.fleet.RegionFailure;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** The regions that failed, each with its reason (and the fix, when the cause is known), in a popover. */
final class RegionErrorsPopover {
    /** More regions than this scroll. */
    private static final int SCROLL_FROM = 5;

    private RegionErrorsPopover() {
    }

    /** The list as it is now, one block per region. */
    static VBox list(FleetProblems problems) {
        VBox box = new VBox(10);
        box.setId("region-errors-list");
        for (RegionFailure f : problems.regions()) {
            Label region = new Label(f.region());
            region.getStyleClass().add(Styles.TEXT_BOLD);
            CredentialProblem p = f.problem();
            Label reason = new Label(p != null ? p.title() + (p.detail().isEmpty() ? "" : ": " + p.detail()) : f.reason());
            reason.setWrapText(true);
            VBox entry = new VBox(2, region, reason);
            if (p != null && !p.fix().isEmpty()) {
                Label fix = new Label(p.fix());
                fix.setWrapText(true);
                fix.getStyleClass().add(Styles.TEXT_MUTED);
                entry.getChildren().add(fix);
            }
            entry.getStyleClass().add("region-error");
            box.getChildren().add(entry);
        }
        if (problems.regions().isEmpty()) {
            box.getChildren().add(new Label("Every region was listed."));
        }
        box.setPrefWidth(520);
        return box;
    }

    /** Shows the list next to {@code anchor}. */
    static Popover show(Node anchor, FleetProblems problems) {
        VBox list = list(problems);
        Node content = list;
        if (problems.regions().size() > SCROLL_FROM) {
            ScrollPane scroll = new ScrollPane(list);
            scroll.setFitToWidth(true);
            scroll.setPrefViewportHeight(360);
            scroll.getStyleClass().add("edge-to-edge");
            content = scroll;
        }
        Popover pop = new Popover(content);
        pop.setTitle("Regions that could not be listed");
        pop.setHeaderAlwaysVisible(true);
        pop.setDetachable(false);
        pop.setArrowLocation(Popover.ArrowLocation.BOTTOM_LEFT);
        pop.show(anchor);
        return pop;
    }
}
