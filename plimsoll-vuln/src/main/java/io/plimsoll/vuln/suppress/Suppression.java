package io.plimsoll.vuln.suppress;

/**
 * Why a finding was taken out of the gate and out of the findings shown, while reports still list it as suppressed:
 * a VEX statement, or an entry of the ignore file.
 *
 * @param status        OpenVEX words for VEX ({@code not_affected}, {@code fixed}); {@code ignored} for the ignore file
 * @param justification VEX's machine-readable reason, may be empty
 * @param detail        the human reason: VEX's impact statement, the ignore entry's comment; may be empty
 * @param source        where it was said: the VEX document, or the ignore file and line ({@code .plimsollignore:3})
 */
public record Suppression(Kind kind, String status, String justification, String detail, String source) {

    public enum Kind {
        VEX, IGNORE_FILE
    }

    public Suppression {
        justification = justification == null ? "" : justification;
        detail = detail == null ? "" : detail;
    }
}
