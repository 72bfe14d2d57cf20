package io.plimsoll.server.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.plimsoll.server.http.Exchange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the precompiled templates ({@code src/main/jte/ui}, escaped for HTML by jte) into responses that carry
 * the UI's security headers: a Content-Security-Policy with no inline script or style, no framing, no sniffing.
 */
public final class Pages {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Every page's frame: who is signed in, the token its forms carry, which part of the UI it is. */
    public record Chrome(String title, String section, String user, String account, String csrf,
                         boolean signOut) {
    }

    void render(Exchange ex, int status, String template, Chrome chrome, Object view) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chrome", chrome);
        if (view != null) {
            params.put("view", view);
        }
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render("ui/" + template + ".jte", params, out);
        byte[] body = out.toByteArray();
        secure(ex);
        ex.header("Cache-Control", "no-store");
        ex.respond(status, "text/html; charset=utf-8", body);
    }

    /** A 303 after a form, or a 302 to the sign-in page. */
    static void redirect(Exchange ex, int status, String location) {
        secure(ex);
        ex.header("Location", location);
        ex.respond(status, "text/plain; charset=utf-8", new byte[0]);
    }

    static void secure(Exchange ex) {
        ex.header("Content-Security-Policy", CSP);
        ex.header("X-Content-Type-Options", "nosniff");
        ex.header("Referrer-Policy", "same-origin");
        ex.header("X-Frame-Options", "DENY");
    }
}
