/**
 * The Composer ecosystem: PHP packages in {@code vendor/composer/installed.json} and {@code composer.lock}.
 */
package io.plimsoll.ecosystem.php;
