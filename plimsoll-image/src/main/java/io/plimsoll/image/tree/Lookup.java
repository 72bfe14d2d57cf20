package io.plimsoll.image.tree;

/** The answer to "what is at this path?", following symlinks inside the image root. */
public sealed interface Lookup {

    String requested();

    /** @param path where the links led, e.g. {@code /usr/lib/os-release} for {@code /etc/os-release} */
    record Found(String requested, String path, FileNode node) implements Lookup { }

    record Missing(String requested, String reason) implements Lookup { }

    /** More links than the kernel follows (40): a loop, or a chain built to waste time. */
    record Loop(String requested, int links) implements Lookup { }
}
