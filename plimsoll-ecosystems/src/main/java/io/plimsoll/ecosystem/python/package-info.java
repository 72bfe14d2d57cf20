/**
 * The Python ecosystem: installed distributions (wheel {@code .dist-info} and setuptools {@code .egg-info} metadata,
 * with the files their RECORD or installed-files.txt name), the lockfiles of pip, Pipenv, Poetry, uv and PDM, and
 * PEP 440 versions and specifiers with the semantics of pypa {@code packaging}, which pip uses. Names are normalised
 * as PEP 503 says, so {@code Foo_Bar} and {@code foo-bar} are one package.
 */
package io.plimsoll.ecosystem.python;
