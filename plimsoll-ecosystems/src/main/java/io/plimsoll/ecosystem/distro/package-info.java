/**
 * Which Linux distribution an image is, from its release files ({@code /etc/os-release} and the older files
 * that came before it). Not an ecosystem of its own: it tells the others which vulnerability namespace their
 * packages belong to.
 */
package io.plimsoll.ecosystem.distro;
