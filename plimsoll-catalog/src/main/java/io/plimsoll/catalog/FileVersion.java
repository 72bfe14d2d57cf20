package io.plimsoll.catalog;

/** One layer's version of a file a cataloger asked for. */
public record FileVersion(String path, int layer, byte[] content) {
}
