package io.plimsoll.bench;

import io.plimsoll.policy.content.SecretRules;
import io.plimsoll.policy.content.TextScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Secret scanning throughput on one thread with every built-in rule: 32 MiB of generated text files (Java source,
 * YAML and properties configuration, JSON, application logs with base64 and hex, shell scripts), rich in the words
 * the rules key on ({@code password}, {@code secret}, {@code api_key}, {@code auth}, {@code eyJ}, {@code -----BEGIN})
 * mostly in forms that are not secrets, with one real-looking secret planted in every 40th file. Two passes warm
 * up, then eight passes (256 MiB) are timed; the planted secrets must all be found.
 */
public final class SecretScanBench {

    private static final long CORPUS = 32L << 20;
    private static final int PASSES = 8;

    public static void main(String[] args) {
        Random r = new Random(7);
        List<byte[]> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long total = 0;
        int planted = 0;
        while (total < CORPUS) {
            boolean plant = files.size() % 40 == 7;
            int size = 4096 + r.nextInt(60_000);
            int kind = r.nextInt(5);
            byte[] f = file(r, kind, size, plant).getBytes(StandardCharsets.UTF_8);
            planted += plant ? 1 : 0;
            files.add(f);
            names.add(NAMES[kind]);
            total += f.length;
        }
        TextScanner scanner = new TextScanner(SecretRules.all());
        int found = 0;
        for (int warm = 0; warm < 2; warm++) {
            found = scanAll(scanner, files, names);
        }
        // CPU time of this thread as well as wall time: on a shared machine the wall clock counts other work too
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int p = 0; p < PASSES; p++) {
            scanAll(scanner, files, names);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        double mb = (double) total * PASSES / 1e6;
        System.out.printf("secret scan: %d files, %.1f MB of text x %d passes = %.0f MB, %d rules, one thread: "
                        + "%.0f MB/s of CPU time (%.2f s), %.0f MB/s wall (%.2f s); %d hits per pass for %d planted "
                        + "secrets%n", files.size(), total / 1e6, PASSES, mb, SecretRules.all().size(), mb / cpu, cpu,
                mb / seconds, seconds, found, planted);
        if (found < planted) {
            throw new IllegalStateException("planted secrets were missed: " + found + " of " + planted);
        }
    }

    /** Scanned by name, as the content scan does: the Java files' comments are documentation for the generic rules. */
    private static int scanAll(TextScanner scanner, List<byte[]> files, List<String> names) {
        int hits = 0;
        for (int i = 0; i < files.size(); i++) {
            byte[] f = files.get(i);
            hits += scanner.scan(f, f.length, names.get(i)).size();
        }
        return hits;
    }

    /** A file name for each kind of file {@link #file} writes. */
    private static final String[] NAMES = {"/app/src/OrderService.java", "/app/config/application.yaml",
        "/app/data/orders.json", "/var/log/app/app.log", "/usr/local/bin/entrypoint.sh"};

    private static final String[] WORDS = ("the a to of and in is for that on with as by this be are from at or an it "
            + "user order payment request response config server client session token auth password secret key id "
            + "value name type status error warn info debug service handler cache retry timeout connection pool "
            + "database query result list map string int long boolean return new public private static final void "
            + "class interface import package throw exception null true false if else while for try catch").split(" ");

    private static String file(Random r, int kind, int size, boolean plant) {
        StringBuilder sb = new StringBuilder(size + 256);
        int plantAt = plant ? r.nextInt(size) : -1;
        while (sb.length() < size) {
            if (plantAt >= 0 && sb.length() >= plantAt) {
                sb.append(secret(r)).append('\n');
                plantAt = -1;
            }
            switch (kind) {
                case 0 -> java(r, sb);
                case 1 -> yaml(r, sb);
                case 2 -> json(r, sb);
                case 3 -> log(r, sb);
                default -> shell(r, sb);
            }
        }
        return sb.toString();
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String camel(Random r) {
        String w = word(r) + Character.toUpperCase(word(r).charAt(0)) + word(r).substring(1);
        return w;
    }

    private static void java(Random r, StringBuilder sb) {
        switch (r.nextInt(8)) {
            case 0 -> sb.append("    private final ").append(camel(r)).append("Service ").append(camel(r)).append(";\n");
            case 1 -> sb.append("        if (password == null || password.isEmpty()) {\n            throw new "
                    + "IllegalArgumentException(\"password must not be empty\");\n        }\n");
            case 2 -> sb.append("    public ").append(camel(r)).append(" get").append(camel(r))
                    .append("(String secretName) {\n        return repository.find(secretName);\n    }\n");
            case 3 -> sb.append("        // ").append(word(r)).append(' ').append(word(r)).append(' ')
                    .append(word(r)).append(' ').append(word(r)).append(" the auth header\n");
            case 4 -> sb.append("        String apiKey = System.getenv(\"API_KEY\");\n");
            case 5 -> sb.append("    private static final String PEM_HEADER = \"-----BEGIN CERTIFICATE-----\";\n");
            case 6 -> sb.append("        log.debug(\"").append(word(r)).append(" {} for {}\", ").append(camel(r))
                    .append(", id);\n");
            default -> sb.append("        for (int i = 0; i < ").append(camel(r)).append(".size(); i++) {\n");
        }
    }

    private static void yaml(Random r, StringBuilder sb) {
        switch (r.nextInt(7)) {
            case 0 -> sb.append("spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/").append(word(r))
                    .append("\n    username: app\n    password: ${DB_PASSWORD}\n");
            case 1 -> sb.append("  ").append(word(r)).append('_').append(word(r)).append(": ").append(r.nextInt(10000))
                    .append('\n');
            case 2 -> sb.append("      secretKeyRef:\n        name: ").append(word(r)).append("-credentials\n"
                    + "        key: password\n");
            case 3 -> sb.append("# ").append(word(r)).append(' ').append(word(r)).append(' ').append(word(r))
                    .append('\n');
            case 4 -> sb.append("app.").append(word(r)).append(".timeout=").append(r.nextInt(600)).append("s\n");
            case 5 -> sb.append("  image: registry.acme.io/").append(word(r)).append(':').append(r.nextInt(9))
                    .append('.').append(r.nextInt(30)).append('\n');
            default -> sb.append("  api_key_header: X-Api-Key\n");
        }
    }

    private static void json(Random r, StringBuilder sb) {
        sb.append("{\"").append(word(r)).append("\": \"").append(camel(r)).append("\", \"id\": ")
                .append(r.nextInt(1_000_000)).append(", \"auth\": ").append(r.nextBoolean())
                .append(", \"hash\": \"").append(hex(r, 40)).append("\", \"tags\": [\"").append(word(r))
                .append("\", \"").append(word(r)).append("\"]},\n");
    }

    private static void log(Random r, StringBuilder sb) {
        sb.append("2024-05-").append(10 + r.nextInt(20)).append('T').append(10 + r.nextInt(12)).append(":")
                .append(10 + r.nextInt(50)).append(":").append(10 + r.nextInt(50)).append('.').append(100 + r.nextInt(900))
                .append("Z ").append(r.nextInt(10) == 0 ? "WARN " : "INFO ").append("[http-nio-8080-exec-")
                .append(r.nextInt(20)).append("] c.a.").append(word(r)).append('.').append(camel(r)).append(" - ")
                .append(word(r)).append(' ').append(word(r)).append(" trace=").append(hex(r, 32));
        if (r.nextInt(6) == 0) {
            sb.append(" payload=").append(base64(r, 60 + r.nextInt(120)));
        }
        if (r.nextInt(20) == 0) {
            sb.append(" session=eyJ").append(base64(r, 30)); // the start of a token, cut: not a JWT
        }
        sb.append('\n');
    }

    private static void shell(Random r, StringBuilder sb) {
        switch (r.nextInt(5)) {
            case 0 -> sb.append("if [ -z \"$").append(word(r).toUpperCase()).append("\" ]; then\n  echo \"missing ")
                    .append(word(r)).append("\" >&2\n  exit 1\nfi\n");
            case 1 -> sb.append("export ").append(word(r).toUpperCase()).append("_PASSWORD_FILE=/run/secrets/")
                    .append(word(r)).append('\n');
            case 2 -> sb.append("curl -fsSL -H \"Authorization: Bearer $TOKEN\" https://api.acme.io/v1/")
                    .append(word(r)).append(" | jq .").append(word(r)).append('\n');
            case 3 -> sb.append("apt-get install -y --no-install-recommends ").append(word(r)).append(' ')
                    .append(word(r)).append('\n');
            default -> sb.append("# ").append(word(r)).append(' ').append(word(r)).append('\n');
        }
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static String secret(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "aws_access_key_id = AKIA" + pick(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            case 1 -> "GITHUB_TOKEN=ghp_" + pick(r, ALNUM, 36);
            case 2 -> "DB_PASSWORD=" + pick(r, ALNUM, 10) + "#" + pick(r, ALNUM, 6);
            case 3 -> "STRIPE_SECRET=sk_live_" + pick(r, ALNUM, 32);
            default -> "slack: https://hooks.slack.com/services/T" + pick(r, "ABCDEFGHIJ0123456789", 8) + "/B"
                    + pick(r, "ABCDEFGHIJ0123456789", 8) + "/" + pick(r, ALNUM, 24);
        };
    }

    private static String pick(Random r, String alphabet, int n) {
        char[] c = new char[n];
        Arrays.setAll(new int[n], i -> c[i] = alphabet.charAt(r.nextInt(alphabet.length())));
        return new String(c);
    }

    private static String hex(Random r, int n) {
        return pick(r, "0123456789abcdef", n);
    }

    private static String base64(Random r, int n) {
        return pick(r, ALNUM + "+/", n);
    }
}
