package io.plimsoll.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders deploy/helm/plimsoll without a helm binary: the chart keeps to a small part of Helm's template language,
 * which this implements with Go template semantics ({@code {{-}} and {@code -}}} trim whitespace, empty values are
 * false): value paths under {@code .Values}, {@code .Release}, {@code .Chart}; the filters {@code quote},
 * {@code default PATH} and {@code indent N}; and {@code if [not] PATH} / {@code else} / {@code end}. Anything else is
 * refused with the template's name, so the chart cannot drift into what this renders differently from Helm.
 */
final class ChartRenderer {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path chart;
    private final Map<String, Object> context;

    private ChartRenderer(Path chart, Map<String, Object> context) {
        this.chart = chart;
        this.context = context;
    }

    /** The chart's manifests as `helm template RELEASE CHART` prints them, with {@code overrides} merged into values. */
    @SuppressWarnings("unchecked")
    static String render(Path chart, String release, Map<String, Object> overrides) {
        try {
            Map<String, Object> values = YAML.readValue(chart.resolve("values.yaml").toFile(), LinkedHashMap.class);
            merge(values, overrides);
            Map<String, Object> meta = YAML.readValue(chart.resolve("Chart.yaml").toFile(), LinkedHashMap.class);
            Map<String, Object> chartContext = new LinkedHashMap<>();
            chartContext.put("Name", meta.get("name"));
            chartContext.put("Version", meta.get("version"));
            chartContext.put("AppVersion", meta.get("appVersion"));
            Map<String, Object> context = Map.of("Values", values, "Chart", chartContext,
                    "Release", Map.of("Name", release));
            ChartRenderer renderer = new ChartRenderer(chart, context);
            StringBuilder out = new StringBuilder();
            List<Path> templates;
            try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
                templates = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path template : templates) {
                String manifest = renderer.template(template).strip();
                if (!manifest.isEmpty()) {
                    out.append("---\n# Source: ").append(meta.get("name")).append("/templates/")
                            .append(template.getFileName()).append('\n').append(manifest).append('\n');
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> overrides) {
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m && into.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) m);
            } else {
                into.put(key, value);
            }
        });
    }

    private sealed interface Node permits Text, Value, If {
    }

    private record Text(String text) implements Node {
    }

    private record Value(String expression) implements Node {
    }

    private record If(String condition, List<Node> then, List<Node> otherwise) implements Node {
    }

    private String template(Path file) throws IOException {
        String source = Files.readString(file);
        List<Object> tokens = tokens(source);
        List<Node> nodes = new ArrayList<>();
        int end = parse(tokens, 0, nodes, file);
        if (end != tokens.size()) {
            throw refused(file, "'" + ((String[]) tokens.get(end))[0] + "' without its 'if'");
        }
        StringBuilder out = new StringBuilder();
        write(nodes, out, file);
        return out.toString();
    }

    /** Text (String) and actions (String[] {expression}), with Go's trim markers already applied to the text. */
    private static List<Object> tokens(String source) {
        List<Object> tokens = new ArrayList<>();
        Matcher m = ACTION.matcher(source);
        int at = 0;
        boolean trimNext = false;
        while (m.find()) {
            String text = source.substring(at, m.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (!m.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            tokens.add(text);
            tokens.add(new String[] {m.group(2)});
            trimNext = !m.group(3).isEmpty();
            at = m.end();
        }
        String rest = source.substring(at);
        tokens.add(trimNext ? rest.stripLeading() : rest);
        return tokens;
    }

    /** Parses from {@code i} until an unmatched else/end (returned index points at it) or the end. */
    private int parse(List<Object> tokens, int i, List<Node> into, Path file) {
        while (i < tokens.size()) {
            Object token = tokens.get(i);
            if (token instanceof String text) {
                into.add(new Text(text));
                i++;
                continue;
            }
            String action = ((String[]) token)[0];
            if (action.equals("else") || action.equals("end")) {
                return i;
            }
            if (action.startsWith("if ")) {
                List<Node> then = new ArrayList<>();
                List<Node> otherwise = new ArrayList<>();
                int j = parse(tokens, i + 1, then, file);
                if (j < tokens.size() && ((String[]) tokens.get(j))[0].equals("else")) {
                    j = parse(tokens, j + 1, otherwise, file);
                }
                if (j >= tokens.size() || !((String[]) tokens.get(j))[0].equals("end")) {
                    throw refused(file, "'" + action + "' without its 'end'");
                }
                into.add(new If(action.substring(3).strip(), then, otherwise));
                i = j + 1;
            } else if (action.startsWith(".")) {
                into.add(new Value(action));
                i++;
            } else {
                throw refused(file, "'" + action + "'");
            }
        }
        return i;
    }

    private void write(List<Node> nodes, StringBuilder out, Path file) {
        for (Node node : nodes) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Value v) {
                out.append(evaluate(v.expression(), file));
            } else if (node instanceof If f) {
                write(truthy(condition(f.condition(), file)) ? f.then() : f.otherwise(), out, file);
            }
        }
    }

    private Object condition(String condition, Path file) {
        if (condition.startsWith("not ")) {
            return !truthy(lookup(condition.substring(4).strip(), file));
        }
        return lookup(condition, file);
    }

    private String evaluate(String expression, Path file) {
        String[] stages = expression.split("\\|");
        Object value = lookup(stages[0].strip(), file);
        for (int s = 1; s < stages.length; s++) {
            String[] call = stages[s].strip().split("\\s+");
            value = switch (call[0]) {
                case "quote" -> "\"" + text(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                case "default" -> call.length == 2 && truthy(value) ? value : lookup(arg(call, file), file);
                case "indent" -> indent(text(value), Integer.parseInt(arg(call, file)));
                default -> throw refused(file, "the filter '" + call[0] + "' in {{ " + expression + " }}");
            };
        }
        return text(value);
    }

    private String arg(String[] call, Path file) {
        if (call.length != 2) {
            throw refused(file, "'" + String.join(" ", call) + "' (one argument expected)");
        }
        return call[1];
    }

    private static String indent(String text, int by) {
        String pad = " ".repeat(by);
        return text.lines().map(l -> l.isEmpty() ? l : pad + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private Object lookup(String path, Path file) {
        if (!path.startsWith(".") || path.contains(" ")) {
            throw refused(file, "'" + path + "'");
        }
        Object at = context;
        for (String key : path.substring(1).split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(key);
        }
        return at;
    }

    private static boolean truthy(Object value) {
        if (value == null) {
            return false;
        } else if (value instanceof Boolean b) {
            return b;
        } else if (value instanceof Number n) {
            return n.doubleValue() != 0;
        } else if (value instanceof String s) {
            return !s.isEmpty();
        } else if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        } else if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private IllegalArgumentException refused(Path file, String what) {
        return new IllegalArgumentException(chart.relativize(file) + ": " + what
                + " is outside the template language ChartRenderer knows (and helm would render the same)");
    }
}
