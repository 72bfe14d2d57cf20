package io.plimsoll.ecosystem.alma;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.rpm.repodata.Erratum;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AlmaLinux's {@code errata.json}: a JSON array of errata, the updateinfo model exported from its build system.
 * Streamed one erratum at a time (the file of a major release is tens of megabytes). Two shapes are read: the
 * older export ({@code updateinfo_id}, MongoDB-style {@code {"$date": ms}} dates, {@code pkglist.packages} with a
 * {@code pkglist.module}) and the current one ({@code id}, dates in seconds, top-level {@code packages} and
 * {@code modules}).
 */
final class AlmaErrata {

    /** No real file comes near this; more is not an errata list. */
    static final int MAX_ERRATA = 1_000_000;

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    @FunctionalInterface
    interface ErratumConsumer {
        void accept(Erratum erratum) throws FeedException;
    }

    private AlmaErrata() {
    }

    /** Calls {@code consumer} for each erratum of {@code in}; returns how many. */
    static int read(String source, String name, InputStream in, ErratumConsumer consumer) throws FeedException {
        int count = 0;
        try (JsonParser p = FeedFiles.JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new FeedException(source, name, "expected a JSON array of errata");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                if (++count > MAX_ERRATA) {
                    throw new FeedException(source, name, "more than " + MAX_ERRATA + " errata");
                }
                JsonNode record = p.readValueAsTree();
                Optional<Erratum> erratum = erratum(record);
                if (erratum.isPresent()) {
                    consumer.accept(erratum.get());
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new FeedException(source, name, "expected an erratum object but found " + p.currentToken()
                        + " at line " + p.currentLocation().getLineNr());
            }
            return count;
        } catch (JsonProcessingException e) {
            throw FeedFiles.parseError(source, name, "JSON", e);
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw FeedFiles.readError(source, name, e);
        }
    }

    /** One record; empty when it has no id. */
    static Optional<Erratum> erratum(JsonNode r) {
        String id = first(text(r, "updateinfo_id"), text(r, "id"));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Set<String> cves = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        for (JsonNode ref : r.path("references")) {
            String refId = text(ref, "id").strip();
            if (text(ref, "type").equalsIgnoreCase("cve") && CVE.matcher(refId).matches()) {
                cves.add(refId);
            }
            String href = text(ref, "href").strip();
            if (!href.isEmpty()) {
                references.add(href);
            }
        }
        JsonNode pkglist = r.path("pkglist");
        JsonNode packages = pkglist.has("packages") ? pkglist.path("packages") : r.path("packages");
        List<String> streams = streams(pkglist.path("module"), r.path("modules"), text(r, "title"));
        List<Erratum.Package> out = new ArrayList<>();
        for (JsonNode p : packages) {
            // a modular erratum also ships non-modular packages now and then: only module builds are the stream's
            String release = text(p, "release");
            List<String> own = module(p.path("module")).map(List::of).orElse(streams);
            if (!release.contains("module") || own.isEmpty()) {
                out.add(new Erratum.Package(text(p, "name"), text(p, "epoch"), text(p, "version"), release,
                        text(p, "arch"), Optional.empty()));
                continue;
            }
            for (String stream : own) {
                out.add(new Erratum.Package(text(p, "name"), text(p, "epoch"), text(p, "version"), release,
                        text(p, "arch"), Optional.of(stream)));
            }
        }
        return Optional.of(new Erratum(id, text(r, "type"), text(r, "title"), text(r, "severity"),
                date(r.path("issued_date")), date(r.path("updated_date")), text(r, "description"),
                List.copyOf(cves), List.copyOf(references), out));
    }

    /**
     * The module streams a module build of this erratum may belong to. One stream (the older export's
     * {@code pkglist.module}, or a single entry of {@code modules}) is the stream. An erratum for several streams
     * ({@code modules} with more than one) does not say which package is whose: the stream its title names
     * ({@code "Moderate: nodejs:18 security update"}) when it names exactly one of them, otherwise all of them, so
     * that a module build is matched only within streams the erratum fixed and never as a non-modular package. (A
     * package built in two of those streams then gets the lower of the two builds in each: the data cannot tell.)
     */
    static List<String> streams(JsonNode pkglistModule, JsonNode modules, String title) {
        Optional<String> single = module(pkglistModule);
        if (single.isPresent()) {
            return List.of(single.get());
        }
        Set<String> all = new LinkedHashSet<>();
        for (JsonNode m : modules) {
            module(m).ifPresent(all::add);
        }
        Set<String> named = new LinkedHashSet<>();
        for (String word : title.split("[\\s,]+")) {
            if (all.contains(word)) {
                named.add(word);
            }
        }
        return List.copyOf(named.size() == 1 ? named : all);
    }

    /** {@code {"name": "virt", "stream": "rhel"}}, or a package's {@code "module": "virt:rhel:8040…:522a0ee4"}. */
    private static Optional<String> module(JsonNode m) {
        if (m.isTextual()) {
            String[] parts = m.asText().strip().split(":");
            return parts.length >= 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
                    ? Optional.of(parts[0] + ":" + parts[1]) : Optional.empty();
        }
        String name = text(m, "name").strip();
        String stream = text(m, "stream").strip();
        return name.isEmpty() || stream.isEmpty() ? Optional.empty() : Optional.of(name + ":" + stream);
    }

    /** {@code {"$date": milliseconds}} in the older export, seconds since the epoch in the current one. */
    private static Optional<Instant> date(JsonNode d) {
        if (d.isObject() && d.path("$date").isNumber()) {
            return Optional.of(Instant.ofEpochMilli(d.path("$date").asLong()));
        }
        if (d.isNumber()) {
            return Optional.of(Instant.ofEpochSecond(d.asLong()));
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? "" : v.asText();
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
