package io.plimsoll.vuln.enrichment;

import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * FIRST's EPSS scores: a gzipped CSV of about 300,000 rows ({@code cve,epss,percentile}) after a comment line
 * giving the model version and score date. Read line by line, never held in memory. A plain CSV (a mirror that
 * stores it unzipped) is read the same way. Rows that are not a CVE id and two probabilities are skipped and
 * counted; a file without the header, or without a single valid row, fails so the previous scores are kept.
 */
public final class EpssUpdater implements Updater {

    public static final String NAME = "epss";
    public static final String FILE = "epss_scores-current.csv.gz";

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    /** How many bad rows are quoted in the progress message, to show what they look like without flooding. */
    private static final int QUOTED = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://epss.empiricalsecurity.com/";
    }

    @Override
    public String description() {
        return "EPSS exploit prediction scores (probability of exploitation in the next 30 days, and percentile)";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        Path file = fetcher.fetch(FILE);
        read(file, sink);
    }

    /** Reads one EPSS CSV (gzipped or plain) into {@code sink}; returns the number of scores written. */
    static long read(Path file, FeedSink sink) throws FeedException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                FeedInput.openChecked(NAME, file, "CSV"), StandardCharsets.UTF_8), 1 << 16)) {
            Header header = null;
            Optional<LocalDate> date = Optional.empty();
            String model = null;
            long written = 0;
            long bad = 0;
            long lineNo = 0;
            StringBuilder examples = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (header == null) {
                    if (line.startsWith("#")) {
                        // #model_version:v2025.03.14,score_date:2025-03-20T00:00:00Z
                        for (String part : line.substring(1).split(",")) {
                            int colon = part.indexOf(':');
                            if (colon > 0) {
                                String key = part.substring(0, colon).strip();
                                String value = part.substring(colon + 1).strip();
                                if (key.equals("model_version")) {
                                    model = value;
                                } else if (key.equals("score_date")) {
                                    date = FeedInput.date(value);
                                }
                            }
                        }
                        continue;
                    }
                    header = Header.parse(line).orElseThrow(() -> new FeedException(NAME, file.toString(),
                            "no EPSS header (expected \"cve,epss,percentile\") before the first row"));
                    continue;
                }
                Optional<EpssScore> score = header.row(line, date);
                if (score.isPresent()) {
                    sink.epss(score.get());
                    written++;
                } else {
                    bad++;
                    if (bad <= QUOTED) {
                        examples.append(examples.length() == 0 ? "" : "; ").append("line ").append(lineNo)
                                .append(": \"").append(line.length() > 60 ? line.substring(0, 60) + "…" : line)
                                .append('"');
                    }
                }
            }
            if (header == null) {
                throw new FeedException(NAME, file.toString(),
                        "no EPSS header (expected \"cve,epss,percentile\"): the file has only comments");
            }
            if (bad > 0) {
                sink.progress("skipped " + bad + " malformed rows (" + examples + ")");
            }
            if (written == 0) {
                throw new FeedException(NAME, file.toString(), "the file has a header but no valid score rows");
            }
            if (model != null) {
                sink.state("modelVersion", model);
            }
            date.ifPresent(d -> sink.state("scoreDate", d.toString()));
            sink.progress("read " + written + " EPSS scores" + (model == null ? "" : " (model " + model + ")")
                    + date.map(d -> " for " + d).orElse(""));
            return written;
        } catch (IOException e) {
            throw FeedInput.failure(NAME, file, e);
        }
    }

    /** The column positions of a header line; upstream's order is cve,epss,percentile but nothing relies on it. */
    private record Header(int cve, int epss, int percentile, int columns) {

        static Optional<Header> parse(String line) {
            List<String> names = List.of(line.strip().toLowerCase(Locale.ROOT).split(",", -1))
                    .stream().map(String::strip).toList();
            int cve = names.indexOf("cve");
            int epss = names.indexOf("epss");
            int percentile = names.indexOf("percentile");
            return cve < 0 || epss < 0 || percentile < 0 ? Optional.empty()
                    : Optional.of(new Header(cve, epss, percentile, names.size()));
        }

        Optional<EpssScore> row(String line, Optional<LocalDate> date) {
            String[] cells = line.split(",", -1);
            if (cells.length != columns) {
                return Optional.empty();
            }
            String id = cells[cve].strip();
            if (!CVE.matcher(id).matches()) {
                return Optional.empty();
            }
            double score = probability(cells[epss]);
            double pct = probability(cells[percentile]);
            return Double.isNaN(score) || Double.isNaN(pct) ? Optional.empty()
                    : Optional.of(new EpssScore(id, score, pct, date));
        }

        /** A number in [0, 1], or NaN. */
        private static double probability(String cell) {
            try {
                double d = Double.parseDouble(cell.strip());
                return d >= 0.0 && d <= 1.0 ? d : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
