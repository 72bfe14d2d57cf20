package io.plimsoll.policy;

/**
 * Which images a mapping or a trusted/denied entry covers: registry, repository and a tag, digest or image id, each
 * with {@code *} wildcards (Anchore's {@code {registry, repository, image: {type, value}}}).
 *
 * @param type {@code tag}, {@code digest} or {@code id}
 */
public record ImageSelector(String registry, String repository, String type, String value) {

    public static final ImageSelector ANY = new ImageSelector("*", "*", "tag", "*");
}
