package io.plimsoll.cli;

import io.plimsoll.vuln.feed.FeedProgress;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Update progress on standard error: a single redrawn status line on a terminal, plain log lines otherwise (CI
 * logs keep every line and have no carriage returns).
 */
final class ProgressPrinter implements FeedProgress {

    private final PrintWriter err;
    private final boolean terminal;
    private final Map<String, Long> bytes = new ConcurrentHashMap<>();
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private long lastDraw;

    ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A terminal, not CI: a console is attached and neither CI nor NO_PROGRESS is set. */
    static boolean isTerminal() {
        return System.console() != null && System.getenv("CI") == null && System.getenv("NO_PROGRESS") == null;
    }

    @Override
    public synchronized void downloading(String source, String url, long totalBytes) {
        totals.put(source, totalBytes);
        bytes.put(source, 0L);
        if (!terminal) {
            err.println("db update: " + source + ": downloading " + url
                    + (totalBytes >= 0 ? " (" + human(totalBytes) + ")" : ""));
            err.flush();
        }
    }

    @Override
    public synchronized void bytes(String source, long soFar) {
        bytes.put(source, soFar);
        long now = System.nanoTime();
        if (terminal && now - lastDraw > 200_000_000L) {
            lastDraw = now;
            StringBuilder b = new StringBuilder("\r\033[K");
            bytes.forEach((s, n) -> {
                long total = totals.getOrDefault(s, -1L);
                b.append(s).append(' ').append(human(n));
                if (total > 0) {
                    b.append('/').append(human(total)).append(' ').append(bar(n, total));
                }
                b.append("  ");
            });
            err.print(b);
            err.flush();
        }
    }

    @Override
    public synchronized void downloaded(String source, String url, long n) {
        bytes.remove(source);
        totals.remove(source);
    }

    @Override
    public synchronized void retrying(String source, String url, String why, long delayMillis) {
        line("db update: " + source + ": " + url + ": " + why + "; retrying in "
                + Math.max(1, (delayMillis + 999) / 1000) + " s");
    }

    @Override
    public synchronized void message(String source, String message) {
        if (!terminal) {
            line("db update: " + source + ": " + message);
        }
    }

    @Override
    public synchronized void finished(String source, boolean ok, String summary) {
        line("db update: " + source + ": " + (ok ? "ok, " : "FAILED: ") + summary);
    }

    private void line(String text) {
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println(text);
        err.flush();
    }

    private static String bar(long n, long total) {
        int width = 20;
        int filled = (int) Math.min(width, width * n / Math.max(1, total));
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String human(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
