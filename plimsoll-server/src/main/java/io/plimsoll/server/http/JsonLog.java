package io.plimsoll.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line (time, level, message, and fields such as {@code request_id}), as log collectors expect
 * from a service. Written by hand over Jackson's generator rather than through a logging framework, because the
 * server logs a few dozen kinds of events and this keeps the output exactly documented.
 */
public final class JsonLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean debug;

    public JsonLog(PrintStream out, boolean debug) {
        this.out = out;
        this.debug = debug;
    }

    public static JsonLog stderr() {
        return new JsonLog(System.err, Boolean.getBoolean("plimsoll.debug"));
    }

    public void info(String message, Object... keyValues) {
        write("info", message, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("warn", message, keyValues);
    }

    public void error(String message, Object... keyValues) {
        write("error", message, keyValues);
    }

    public void debug(String message, Object... keyValues) {
        if (debug) {
            write("debug", message, keyValues);
        }
    }

    private void write(String level, String message, Object... kv) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("level", level);
            g.writeStringField("msg", message);
            for (int i = 0; i + 1 < kv.length; i += 2) {
                Object v = kv[i + 1];
                String k = String.valueOf(kv[i]);
                if (v == null) {
                    g.writeNullField(k);
                } else if (v instanceof Number n) {
                    g.writeFieldName(k);
                    JSON.writeValue(g, n);
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(k, b);
                } else if (v instanceof Map<?, ?> m) {
                    g.writeFieldName(k);
                    JSON.writeValue(g, m);
                } else if (v instanceof Throwable t) {
                    g.writeStringField(k, t.toString());
                } else {
                    g.writeStringField(k, String.valueOf(v));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            return;
        }
        synchronized (out) {
            out.println(w);
        }
    }
}
