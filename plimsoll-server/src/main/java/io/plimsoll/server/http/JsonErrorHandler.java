package io.plimsoll.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before or around the API handler (a malformed request line, headers over the
 * limit, a handler that failed with an {@link Error}), in Clair's JSON error body instead of Jetty's HTML page:
 * a Clair client parses every error body as JSON.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** Clair's error body for a status Jetty chose. */
    static byte[] body(int status, String message) {
        String m = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        return ("{\"code\":" + quote(code(status)) + ",\"message\":" + quote(m) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            case 414, 431 -> "request-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) throws IOException {
        // the cause's text may describe the server's insides; the status says enough
        byte[] body = body(status, status >= 500 ? null : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason));
    }

    private static String quote(String s) {
        try {
            return Exchange.JSON.writeValueAsString(s == null ? "" : s);
        } catch (Exception e) {
            return "\"\"";
        }
    }
}
