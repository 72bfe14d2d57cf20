package io.plimsoll.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The keys the CLI's config file may hold. A mistyped key ({@code db.max_age}, {@code feed:}) would otherwise be
 * ignored and its setting silently not applied, so an unknown one is refused with its line, as the server does with
 * its own settings.
 */
final class ConfigKeys {

    private final Set<String> sources;

    /** {@code sources}: the feed names that may appear under {@code feeds:}. */
    ConfigKeys(List<String> sources) {
        this.sources = Set.copyOf(sources);
    }

    /** Throws naming the file, line and key of the first unknown or misplaced key. */
    void check(Path file, byte[] yaml) throws UserInputException {
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new UserInputException(file + ": the config file must be a YAML mapping (db:, feeds:)");
            }
            object(file, p, "");
        } catch (JacksonException e) {
            // a read limit (nesting, string length) is reported without a location
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new UserInputException(file + ": " + where + "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the config file: " + e.getMessage());
        }
    }

    private void object(Path file, JsonParser p, String prefix) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            int line = p.currentLocation().getLineNr();
            JsonToken value = p.nextToken();
            Kind kind = kind(key);
            if (kind == Kind.UNKNOWN) {
                throw new UserInputException(file + ": line " + line + ": unknown setting '" + key + "' (known: "
                        + "db.path, db.max-age, feeds.SOURCE.url, feeds.nvd.api-key, feeds.amazon.extras; sources: "
                        + String.join(", ", sources.stream().sorted().toList()) + ")");
            }
            boolean isObject = value == JsonToken.START_OBJECT;
            if ((kind == Kind.SECTION) != isObject || value == JsonToken.START_ARRAY) {
                throw new UserInputException(file + ": line " + line + ": '" + key + "' must be "
                        + (kind == Kind.SECTION ? "a mapping" : "a single value"));
            }
            if (isObject) {
                object(file, p, key + ".");
            }
        }
    }

    private enum Kind { SECTION, VALUE, UNKNOWN }

    private Kind kind(String key) {
        String[] parts = key.split("\\.", -1);
        if (parts[0].equals("db")) {
            return parts.length == 1 ? Kind.SECTION
                    : parts.length == 2 && (parts[1].equals("path") || parts[1].equals("max-age")) ? Kind.VALUE
                    : Kind.UNKNOWN;
        }
        if (parts[0].equals("feeds")) {
            if (parts.length == 1) {
                return Kind.SECTION;
            }
            if (!sources.contains(parts[1])) {
                return Kind.UNKNOWN;
            }
            if (parts.length == 2) {
                return Kind.SECTION;
            }
            return parts.length == 3 && (parts[2].equals("url") || parts[1].equals("nvd") && parts[2].equals("api-key")
                    || parts[1].equals("amazon") && parts[2].equals("extras")) ? Kind.VALUE : Kind.UNKNOWN;
        }
        return Kind.UNKNOWN;
    }
}
