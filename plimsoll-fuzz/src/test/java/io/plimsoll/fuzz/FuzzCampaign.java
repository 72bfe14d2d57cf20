package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every {@link FuzzTest} in this module as a real fuzzing campaign ({@code mvn -Pfuzz}), one JVM per target so
 * that a crash, an out-of-memory or a hang in one target is that target's finding and the others still run.
 *
 * <p>Each target runs through Jazzer's libFuzzer driver for {@code fuzz.seconds} of wall time, starting from its
 * committed seeds ({@code src/test/resources/.../<Class>Inputs/<method>/}) plus the corpus earlier runs grew under
 * {@code target/fuzz/corpus}. A crashing input is copied into the seed folder, so the default build replays it as a
 * regression test until it is fixed. The report ({@code target/fuzz/report.md}) gives each target's executions, CPU
 * time, corpus size and findings.
 */
public final class FuzzCampaign {

    private static final Pattern STAT = Pattern.compile("^stat::(\\w+):\\s+(\\d+)");

    record Target(Class<?> type, String method) {
        String id() {
            return type.getSimpleName() + "." + method;
        }

        Path seeds(Path module) {
            return module.resolve("src/test/resources").resolve(type.getPackageName().replace('.', '/'))
                    .resolve(type.getSimpleName() + "Inputs").resolve(method);
        }
    }

    record Outcome(Target target, int rounds, long wallSeconds, long executions, Duration cpu, long corpus,
                   List<Path> findings, int exit) {
        /** This outcome followed by a later round on the same corpus. */
        Outcome then(Outcome next) {
            List<Path> all = new ArrayList<>(findings);
            all.addAll(next.findings());
            return new Outcome(target, rounds + next.rounds(), wallSeconds + next.wallSeconds(),
                    executions + next.executions(), cpu.plus(next.cpu()), next.corpus(), all, next.exit());
        }

        boolean clean() {
            return findings.isEmpty() && exit == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        Path module = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        long seconds = Long.getLong("fuzz.seconds", 60);
        // a CPU budget instead of a wall-clock one: on a busy machine a target gets less CPU than wall time, so
        // rounds on the same corpus go on until the target has had this much (0: one round of fuzz.seconds)
        long cpuSeconds = Long.getLong("fuzz.cpu.seconds", 0);
        int jobs = Integer.getInteger("fuzz.jobs", 1);
        String only = System.getProperty("fuzz.target", "");
        String heap = System.getProperty("fuzz.heap", "512m");
        List<Target> targets = targets(module.resolve("target/test-classes"), only);
        if (targets.isEmpty()) {
            System.err.println("fuzz: no @FuzzTest matches fuzz.target=" + only);
            System.exit(2);
        }
        System.out.printf("fuzz: %d targets, %s each, %d at a time, -Xmx%s%n", targets.size(),
                cpuSeconds > 0 ? cpuSeconds + " CPU s" : seconds + " s", jobs, heap);
        Path report = module.resolve("target/fuzz/report.md");
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<Outcome>> running = new ArrayList<>();
        for (Target target : targets) {
            running.add(pool.submit(() -> run(module, target, seconds, cpuSeconds, heap)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : running) {
            outcomes.add(f.get());
            write(report, outcomes); // after each target, so a campaign cut short still leaves its numbers
        }
        pool.shutdown();
        Files.readAllLines(report).forEach(System.out::println);
        boolean found = outcomes.stream().anyMatch(o -> !o.clean());
        System.exit(found ? 1 : 0);
    }

    static List<Target> targets(Path testClasses, String only) throws IOException, ClassNotFoundException {
        List<Target> targets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : files.filter(p -> p.toString().endsWith("FuzzTest.class")).sorted().toList()) {
                String name = testClasses.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name);
                for (Method m : type.getDeclaredMethods()) {
                    Target t = new Target(type, m.getName());
                    if (m.isAnnotationPresent(FuzzTest.class) && matches(t.id(), only)) {
                        targets.add(t);
                    }
                }
            }
        }
        targets.sort(Comparator.comparing(Target::id));
        return targets;
    }

    /** {@code fuzz.target} is one or more comma-separated substrings of {@code Class.method}; empty: all. */
    static boolean matches(String id, String only) {
        return only.isBlank() || Arrays.stream(only.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .anyMatch(id::contains);
    }

    private static Outcome run(Path module, Target target, long seconds, long cpuSeconds, String heap)
            throws Exception {
        Path findings = Files.createDirectories(module.resolve("target/fuzz/findings").resolve(target.id()));
        try (Stream<Path> old = Files.list(findings)) {
            // an earlier run's crashers are already among the seeds: only this run's count as its findings
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        Outcome total = round(module, target, cpuSeconds > 0 ? Math.max(60, cpuSeconds) : seconds, heap);
        while (cpuSeconds > 0 && total.clean() && total.cpu().toSeconds() < cpuSeconds) {
            total = total.then(round(module, target, Math.max(60, cpuSeconds - total.cpu().toSeconds()), heap));
        }
        return total;
    }

    private static Outcome round(Path module, Target target, long seconds, String heap) throws Exception {
        Path corpus = Files.createDirectories(module.resolve("target/fuzz/corpus").resolve(target.id()));
        Path findings = module.resolve("target/fuzz/findings").resolve(target.id());
        long started = System.nanoTime();
        Path seeds = Files.createDirectories(target.seeds(module));
        Path log = module.resolve("target/fuzz/" + target.id() + ".log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xss1m", "-XX:-OmitStackTraceInFastThrow",
                "-cp", System.getProperty("java.class.path"),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.type().getName(),
                "--target_method=" + target.method(),
                "--instrumentation_includes=io.plimsoll.**:org.apache.commons.compress.**:com.fasterxml.jackson.**"
                        + ":org.yaml.snakeyaml.**:org.cyclonedx.**:com.github.packageurl.**",
                "-max_total_time=" + seconds,
                "-timeout=60",
                "-print_final_stats=1",
                "-artifact_prefix=" + findings + "/",
                corpus.toString(), seeds.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long executions = 0;
        Duration cpu = Duration.ZERO;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintStream logFile = new PrintStream(Files.newOutputStream(log), true,
                StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                logFile.println(line);
                cpu = process.info().totalCpuDuration().filter(d -> d.compareTo(Duration.ZERO) > 0).orElse(cpu);
                Matcher m = STAT.matcher(line);
                if (m.find() && m.group(1).equals("number_of_executed_units")) {
                    executions = Long.parseLong(m.group(2));
                }
            }
        }
        int exit = process.waitFor();
        long wall = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        List<Path> found;
        try (Stream<Path> files = Files.list(findings)) {
            // libFuzzer's slow-unit-* are inputs that took over 10 s, nearly always the first one while the JVM
            // loads and instruments the parser: not a finding (a hang is a timeout-*, a crash a crash-*)
            found = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("slow-unit-")).sorted().toList();
        }
        for (Path crash : found) {
            // Kept beside the seeds, the default build replays it until the parser is fixed.
            Files.copy(crash, seeds.resolve(crash.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        long corpusSize;
        try (Stream<Path> files = Files.list(corpus)) {
            corpusSize = files.count();
        }
        System.out.printf("fuzz: %s: %,d executions, %d CPU s in %d s, %d findings, exit %d (log %s)%n",
                target.id(), executions, cpu.toSeconds(), wall, found.size(), exit, log);
        return new Outcome(target, 1, wall, executions, cpu, corpusSize, found, exit);
    }

    private static void write(Path report, List<Outcome> outcomes) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| target | rounds | wall s | CPU s | executions | corpus | findings | exit |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Outcome o : outcomes) {
            lines.add(String.format("| %s | %d | %d | %d | %,d | %d | %s | %d |", o.target().id(), o.rounds(),
                    o.wallSeconds(),
                    o.cpu().toSeconds(), o.executions(), o.corpus(),
                    o.findings().isEmpty() ? "0" : o.findings().size() + " (" + o.findings().get(0).getFileName() + ")",
                    o.exit()));
        }
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
    }
}
