package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CumulativeHistogramTest {

  private static final String METRIC = "parley_scheduling_lag_seconds";

  private static String page(double... counts) {
    var bounds = new String[] {"1.0E-4", "0.001", "0.01", "+Inf"};
    var page = new StringBuilder("# TYPE parley_scheduling_lag_seconds histogram\n");
    for (int i = 0; i < bounds.length; i++) {
      page.append(METRIC)
          .append("_bucket{application=\"parley\",le=\"")
          .append(bounds[i])
          .append("\"} ")
          .append(counts[i])
          .append('\n');
    }
    return page.append(METRIC).append("_count 9.0\nother_metric_bucket{le=\"1.0\"} 4.0\n").toString();
  }

  @Test
  void readsTheBucketsOfOneMetric() {
    var histogram = CumulativeHistogram.parse(page(1, 5, 9, 9), METRIC);

    assertThat(histogram.buckets()).hasSize(4);
    assertThat(histogram.count()).isEqualTo(9);
    assertThat(histogram.buckets().getLast().upperSeconds()).isInfinite();
  }

  @Test
  void quantilesOfWhatHappenedBetweenTwoReadings() {
    var before = CumulativeHistogram.parse(page(1, 5, 9, 9), METRIC);
    var after = CumulativeHistogram.parse(page(1, 95, 109, 110), METRIC);

    var between = after.minus(before);

    assertThat(between.count()).isEqualTo(101);
    assertThat(between.quantileSeconds(0.5)).isCloseTo(0.001, within(1e-12));
    assertThat(between.quantileSeconds(0.99)).isCloseTo(0.01, within(1e-12));
    assertThat(between.quantileSeconds(1.0)).isInfinite();
  }

  @Test
  void anAbsentMetricHasNoQuantiles() {
    var none = CumulativeHistogram.parse("jvm_threads_live 12.0\n", METRIC);

    assertThat(none.count()).isZero();
    assertThat(none.quantileSeconds(0.5)).isNaN();
    assertThat(CumulativeHistogram.parse(page(0, 2, 2, 2), METRIC).minus(none).count()).isEqualTo(2);
  }
}
