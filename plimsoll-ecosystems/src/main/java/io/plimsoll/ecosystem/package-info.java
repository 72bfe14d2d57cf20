/**
 * Ecosystems, one package each: everything Plimsoll knows about one packaging world lives side by side
 * (database reader, version scheme, later the feed parser and match rule), so adding a distro touches one package.
 */
package io.plimsoll.ecosystem;
