/**
 * OVAL definitions as Oracle and Microsoft publish them: a streaming StAX reader of {@code <definition>}s with their
 * metadata and criteria tree, and of the {@code rpminfo} tests, objects and states the criteria refer to. Shared by
 * the distributions whose vendors publish OVAL ({@code oracle}, {@code azurelinux}); each turns definitions into
 * rows by its own rules.
 */
package io.plimsoll.ecosystem.oval;
