package io.plimsoll.server.ui;

import io.plimsoll.server.http.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A submitted form: {@code application/x-www-form-urlencoded}, or {@code multipart/form-data} for the one form that
 * uploads a file (a policy bundle). Bodies are already bounded by the server's request-size limit.
 */
record FormData(Map<String, String> fields, Map<String, byte[]> files) {

    static final FormData EMPTY = new FormData(Map.of(), Map.of());

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    Optional<byte[]> file(String name) {
        return Optional.ofNullable(files.get(name)).filter(b -> b.length > 0);
    }

    static FormData parse(Optional<String> contentType, byte[] body) {
        String type = contentType.orElse("").toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return multipart(contentType.get(), body);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed form field: " + e.getMessage());
            }
        }
        return new FormData(fields, Map.of());
    }

    /** RFC 7578: parts separated by {@code --boundary}, each with headers, a blank line and its bytes. */
    private static FormData multipart(String contentType, byte[] body) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "boundary=", 0, 9)) {
                boundary = t.substring(9).replace("\"", "");
            }
        }
        if (boundary == null || boundary.isEmpty()) {
            throw ApiException.badRequest("multipart form without a boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw ApiException.badRequest("malformed multipart form");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            // the part's bytes end before the CRLF that precedes the next delimiter
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, next - 2));
            String name = attribute(headers, "name");
            if (name != null) {
                if (attribute(headers, "filename") != null) {
                    files.putIfAbsent(name, content);
                } else {
                    fields.putIfAbsent(name, new String(content, StandardCharsets.UTF_8));
                }
            }
            at = next;
        }
        return new FormData(fields, files);
    }

    private static String attribute(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            if (!line.regionMatches(true, 0, "content-disposition:", 0, 20)) {
                continue;
            }
            for (String p : line.substring(20).split(";")) {
                String t = p.trim();
                if (t.startsWith(name + "=")) {
                    return t.substring(name.length() + 1).replace("\"", "");
                }
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
