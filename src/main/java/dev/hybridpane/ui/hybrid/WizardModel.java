package dev.hybridpane.ui.hybrid;

import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;

/** What the wizard frame needs from a wizard's view model: the steps, where we are, and what Next/Back do. */
public interface WizardModel {
    String title();

    ObservableStringValue subtitleProperty();

    List<String> stepTitles();

    ObservableIntegerValue stepProperty();

    /** Next is enabled only while this is true: the current step is valid and nothing is loading or running. */
    ObservableBooleanValue canNextProperty();

    ObservableBooleanValue canBackProperty();

    /** "Next", "Apply", "Done"… */
    ObservableStringValue nextTextProperty();

    /** Loading or working: the frame shows a spinner with this text, empty when idle. */
    ObservableStringValue busyProperty();

    void next();

    void back();

    /** Cancel / close: stops a running operation between steps, then closes. */
    void close();
}
