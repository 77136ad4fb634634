package dev.hybridpane.ui.pools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;

/**
 * A pool's ready nodes over the last hour as a small step chart: minutes ago on x (-60 to 0), nodes on y (0 to the
 * pool's size). Kept light: no animation, no symbols, a handful of points rebuilt on each change.
 */
final class ReadyChart extends StackPane {
    private final NumberAxis x = new NumberAxis(-60, 0, 15);
    private final NumberAxis y = new NumberAxis(0, 1, 1);
    private final AreaChart<Number, Number> chart = new AreaChart<>(x, y);
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final ObservableList<ReadySamples.Sample> samples;
    private final Supplier<Instant> now;

    ReadyChart(ObservableList<ReadySamples.Sample> samples, Supplier<Instant> now) {
        this.samples = samples;
        this.now = now;
        getStyleClass().add("pools-ready-chart");
        setId("pools-ready-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setHorizontalGridLinesVisible(false);
        chart.setVerticalGridLinesVisible(false);
        chart.setTitle(null);
        x.setAutoRanging(false);
        x.setLabel("minutes ago");
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new NumberAxis.DefaultFormatter(x) {
            @Override
            public String toString(Number n) {
                return Integer.toString(Math.abs(n.intValue()));
            }
        });
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
        y.setLabel("ready");
        chart.getData().add(series);
        chart.setPrefSize(300, 150);
        chart.setMinHeight(130);
        getChildren().add(chart);
        samples.addListener((ListChangeListener<ReadySamples.Sample>) c -> redraw());
        redraw();
    }

    /** Steps: each sample's count holds until the next one; the last holds until now. */
    void redraw() {
        Instant end = now.get();
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        int top = 1;
        Integer last = null;
        double lastAt = -60;
        for (ReadySamples.Sample s : samples) {
            double at = minutesBefore(s.at(), end);
            if (last != null && last != s.ready()) {
                points.add(new XYChart.Data<>(at, last));
            }
            points.add(new XYChart.Data<>(at, s.ready()));
            last = s.ready();
            lastAt = at;
            top = Math.max(top, Math.max(s.total(), s.ready()));
        }
        if (last != null && lastAt < 0) {
            points.add(new XYChart.Data<>(0, last));
        }
        y.setUpperBound(top);
        y.setTickUnit(top <= 5 ? 1 : Math.ceil(top / 5.0));
        series.getData().setAll(points);
    }

    private static double minutesBefore(Instant at, Instant end) {
        double m = -Duration.between(at, end).toMillis() / 60_000.0;
        return Math.max(-60, Math.min(0, m));
    }

    /** The points drawn (for tests): minutes ago and ready nodes. */
    List<XYChart.Data<Number, Number>> points() {
        return series.getData();
    }
}
