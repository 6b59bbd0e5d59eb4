package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One histogram of the server's Prometheus page: each bucket's upper bound in seconds and the count
 * of values at or below it. Two readings subtracted give the histogram of what happened between
 * them, from which quantiles are read to the resolution of the buckets.
 */
record CumulativeHistogram(List<Bucket> buckets) {

  record Bucket(double upperSeconds, double count) {}

  /** The buckets of {@code metric} (its Prometheus name) in {@code page}; none if it is absent. */
  static CumulativeHistogram parse(String page, String metric) {
    var line =
        Pattern.compile(
            "^" + Pattern.quote(metric) + "_bucket\\{(?:.*,)?le=\"([^\"]+)\".*} (\\S+)$",
            Pattern.MULTILINE);
    var buckets = new ArrayList<Bucket>();
    var matcher = line.matcher(page);
    while (matcher.find()) {
      var bound = matcher.group(1);
      double upper =
          bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
      buckets.add(new Bucket(upper, Double.parseDouble(matcher.group(2))));
    }
    return new CumulativeHistogram(List.copyOf(buckets));
  }

  CumulativeHistogram minus(CumulativeHistogram earlier) {
    if (earlier.buckets.isEmpty()) {
      return this;
    }
    if (earlier.buckets.size() != buckets.size()) {
      throw new IllegalArgumentException("The two readings have different buckets");
    }
    var difference = new ArrayList<Bucket>();
    for (int i = 0; i < buckets.size(); i++) {
      var bucket = buckets.get(i);
      difference.add(new Bucket(bucket.upperSeconds, bucket.count - earlier.buckets.get(i).count));
    }
    return new CumulativeHistogram(List.copyOf(difference));
  }

  double count() {
    return buckets.isEmpty() ? 0 : buckets.getLast().count;
  }

  /** The upper bound, in seconds, of the bucket that holds the {@code q} quantile; NaN if empty. */
  double quantileSeconds(double q) {
    double rank = q * count();
    for (var bucket : buckets) {
      if (bucket.count >= rank && bucket.count > 0) {
        return bucket.upperSeconds;
      }
    }
    return Double.NaN;
  }

  /** Like {@code "≤ 1.4 ms"}: a quantile read from buckets is only known to be at most a bound. */
  static String atMostMillis(double seconds) {
    return Double.isInfinite(seconds)
        ? "> last bucket"
        : String.format(Locale.ROOT, "≤ %.3g ms", seconds * 1000);
  }
}
