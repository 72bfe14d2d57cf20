/**
 * rpm repositories' errata ({@code repodata/repomd.xml} → {@code updateinfo.xml}), shared by the distributions that
 * publish their security data that way (Rocky Linux, Amazon Linux; AlmaLinux's JSON carries the same model): the
 * parsers, the rows they give, and the match rule over them.
 */
package io.plimsoll.ecosystem.rpm.repodata;
