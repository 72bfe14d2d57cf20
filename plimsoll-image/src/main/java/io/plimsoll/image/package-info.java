/** Reading container images: sources, layers, whiteouts and the squashed file tree. */
package io.plimsoll.image;
