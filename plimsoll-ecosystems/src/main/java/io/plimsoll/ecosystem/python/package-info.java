/**
 * The Python ecosystem: PEP 440 versions ({@link io.plimsoll.ecosystem.python.Pep440VersionScheme}) and version
 * specifiers such as {@code >=1.0,<2.0,!=1.5.*} ({@link io.plimsoll.ecosystem.python.Pep440Specifier}), with the
 * semantics of pypa {@code packaging}, which pip uses.
 */
package io.plimsoll.ecosystem.python;
