package io.plimsoll.policy.gate.licenses;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * License names as packages declare them, normalised to SPDX identifiers with the SPDX License List (shipped as a
 * resource, see {@code io/plimsoll/policy/spdx/README.md}). What is recognised, in order:
 * <ol>
 * <li>an SPDX id in any case ({@code mit} → {@code MIT}); a deprecated GNU-style id becomes its current form
 * ({@code GPL-3.0} → {@code GPL-3.0-only}, {@code GPL-3.0+} → {@code GPL-3.0-or-later});</li>
 * <li>an id followed by {@code +} ({@code LGPL-2.1+} → {@code LGPL-2.1-or-later});</li>
 * <li>a full license name from the list ({@code GNU General Public License v2.0 or later});</li>
 * <li>the short forms Debian and RPM packages use, rebuilt into ids by rule, not by table: a family name with a
 * version, with or without {@code v}, dash or {@code .0} ({@code GPLv2+}, {@code GPL-3}, {@code LGPLv2.1},
 * {@code Apache-2}).</li>
 * </ol>
 * A name none of these recognise has no SPDX id; rules then compare its text as written.
 */
public final class SpdxLicenses {

    private static final Pattern SHORT = Pattern.compile("^([A-Za-z][A-Za-z-]*?)[- ]?v?(\\d+(?:\\.\\d+)*)(\\+)?$");
    private static final Pattern OPERATOR = Pattern.compile("\\s+(?:AND|OR)\\s+|\\s*[,;/|&]\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH = Pattern.compile("\\s+WITH\\s+.*$", Pattern.CASE_INSENSITIVE);

    private static final SpdxLicenses INSTANCE = load();

    private final Map<String, String> idByLowerId;
    private final Map<String, String> idByLowerName;
    private final Set<String> deprecated;

    private SpdxLicenses(Map<String, String> names, Set<String> deprecated) {
        this.deprecated = Set.copyOf(deprecated);
        Map<String, String> ids = new HashMap<>();
        Map<String, String> byName = new HashMap<>();
        names.forEach((id, name) -> {
            ids.put(id.toLowerCase(Locale.ROOT), id);
            String key = collapse(name);
            // Deprecated ids share their names with the current ones; the current id wins.
            if (!deprecated.contains(id) || !byName.containsKey(key)) {
                byName.put(key, id);
            }
        });
        this.idByLowerId = Map.copyOf(ids);
        this.idByLowerName = Map.copyOf(byName);
    }

    public static SpdxLicenses get() {
        return INSTANCE;
    }

    /** How many identifiers the list has (for tests and diagnostics). */
    public int size() {
        return idByLowerId.size();
    }

    /** The SPDX id of one license name, when it can be recognised. */
    public Optional<String> normalise(String license) {
        String t = license.strip();
        while (t.startsWith("(") && t.endsWith(")") && t.length() > 2) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> id = byId(t);
        if (id.isPresent()) {
            return id;
        }
        Optional<String> name = Optional.ofNullable(idByLowerName.get(collapse(t))).map(this::current);
        if (name.isPresent()) {
            return name;
        }
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            String family = m.group(1);
            String version = m.group(2);
            boolean later = m.group(3) != null;
            for (String v : List.of(version, version + ".0")) {
                Optional<String> found = byId(family + "-" + v + (later ? "+" : ""));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The SPDX id {@code license} is, in the list's spelling ({@code mit} → {@code MIT}), a deprecated id as it is
     * ({@code GPL-2.0+}): what an SBOM may write where its format expects an SPDX id. Unlike {@link #normalise} it
     * recognises no names or package spellings, since an SBOM must carry what the package declared.
     */
    public Optional<String> id(String license) {
        return license == null ? Optional.empty()
                : Optional.ofNullable(idByLowerId.get(license.toLowerCase(Locale.ROOT)));
    }

    /**
     * The single licenses of a declared license string: an SPDX expression ({@code MIT OR Apache-2.0}), an RPM
     * {@code and}/{@code or} list, a Debian comma list; exceptions ({@code WITH Classpath-exception-2.0}) dropped.
     * A string that is one full license name with spaces stays whole.
     */
    public List<String> terms(String declared) {
        String s = declared.strip();
        if (s.isEmpty()) {
            return List.of();
        }
        if (normalise(s).isPresent()) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (String part : OPERATOR.split(s.replace("(", " ").replace(")", " "))) {
            String p = WITH.matcher(part.strip()).replaceFirst("").strip();
            if (!p.isEmpty() && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private Optional<String> byId(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String id = idByLowerId.get(lower);
        if (id != null) {
            return Optional.of(current(id));
        }
        if (lower.endsWith("+")) {
            String base = idByLowerId.get(lower.substring(0, lower.length() - 1));
            if (base != null) {
                String b = base.endsWith("-only") ? base.substring(0, base.length() - 5) : base;
                return Optional.ofNullable(idByLowerId.get((b + "-or-later").toLowerCase(Locale.ROOT)))
                        .or(() -> Optional.of(base + "+"));
            }
        }
        return Optional.empty();
    }

    /** A deprecated GNU id's current form: {@code GPL-2.0} → {@code GPL-2.0-only}, {@code GPL-2.0+} → {@code -or-later}. */
    private String current(String id) {
        // Every "+" id is deprecated in SPDX, whether or not the deprecated list repeats it.
        if (!deprecated.contains(id) && !id.endsWith("+")) {
            return id;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        String candidate = lower.endsWith("+") ? lower.substring(0, lower.length() - 1) + "-or-later"
                : lower + "-only";
        return idByLowerId.getOrDefault(candidate, id);
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static SpdxLicenses load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream names = resource("licenses.json"); InputStream dep = resource("deprecated.json")) {
            Map<String, String> n = json.readValue(names, new TypeReference<Map<String, String>>() { });
            List<String> d = json.readValue(dep, new TypeReference<List<String>>() { });
            return new SpdxLicenses(n, new HashSet<>(d));
        } catch (IOException e) {
            throw new UncheckedIOException("the SPDX license list resource is unreadable", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SpdxLicenses.class.getResourceAsStream("/io/plimsoll/policy/spdx/" + name);
        if (in == null) {
            throw new IOException("resource io/plimsoll/policy/spdx/" + name + " is missing from the jar");
        }
        return in;
    }
}
